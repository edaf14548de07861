package io.userflow.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.userflow.operator.api.spec.TrainingSetSpec;
import io.userflow.operator.api.status.TrainingSetStatus;

/**
 * A point-in-time training set built from a pipeline's feature tables (docs/TRAINING_SETS.md): one run of the
 * training-set job, with the snapshot ids it read recorded, so a new TrainingSet naming them reproduces it.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("TrainingSet")
@ShortNames("tset")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode")
@AdditionalPrinterColumn(name = "Output", jsonPath = ".status.output")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TrainingSet extends CustomResource<TrainingSetSpec, TrainingSetStatus> implements Namespaced {
}
