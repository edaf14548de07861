package io.userflow.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.userflow.operator.api.spec.ReprocessApprovalSpec;

/**
 * Someone's approval of one plan of a Reprocess awaiting approval. A resource of its own so that RBAC grants
 * approving apart from creating and editing Reprocesses: whoever may ask for a run (Airflow) need not be able to
 * approve it. The operator only reads these; it has no status.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("ReprocessApproval")
@ShortNames("rpa")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Reprocess", jsonPath = ".spec.reprocessRef")
@AdditionalPrinterColumn(name = "Plan", jsonPath = ".spec.planHash")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ReprocessApproval extends CustomResource<ReprocessApprovalSpec, Void> implements Namespaced {
}
