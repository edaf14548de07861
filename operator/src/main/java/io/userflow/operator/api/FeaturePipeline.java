package io.userflow.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.status.FeaturePipelineStatus;

/** One Kafka topic turned into Bronze, Silver and Gold Iceberg tables; owns the streaming Bronze job. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("FeaturePipeline")
@ShortNames("fp")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Streaming", jsonPath = ".status.streaming.state")
@AdditionalPrinterColumn(name = "Bronze Snapshot", jsonPath = ".status.layers.bronze.currentSnapshotId")
@AdditionalPrinterColumn(name = "Lag", jsonPath = ".status.silverLagSnapshots",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class FeaturePipeline extends CustomResource<FeaturePipelineSpec, FeaturePipelineStatus> implements Namespaced {
}
