package io.userflow.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.status.ReprocessStatus;

/** One planned batch run of a pipeline's Silver and/or Gold stages. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Reprocess")
@ShortNames("rp")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode")
@AdditionalPrinterColumn(name = "Source Snapshots", jsonPath = ".status.sourceSnapshots")
@AdditionalPrinterColumn(name = "Lag", jsonPath = ".status.lagSnapshots", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Reprocess extends CustomResource<ReprocessSpec, ReprocessStatus> implements Namespaced {
}
