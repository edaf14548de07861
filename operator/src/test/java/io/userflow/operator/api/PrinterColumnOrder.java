package io.userflow.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The generator sorts printer columns by name; kubectl should show them in the order the class declares them. */
final class PrinterColumnOrder implements CRDPostProcessor {
  private static final Map<String, Class<?>> KINDS = Map.of("FeaturePipeline", FeaturePipeline.class,
      "Reprocess", Reprocess.class, "ReprocessApproval", ReprocessApproval.class, "TrainingSet", TrainingSet.class);

  @Override
  public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
    CustomResourceDefinition crd = (CustomResourceDefinition) resource;
    List<String> declared = Arrays.stream(KINDS.get(crd.getSpec().getNames().getKind())
        .getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::name).toList();
    crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
        .sort(Comparator.comparing((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    return crd;
  }
}
