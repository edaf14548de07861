package io.userflow.operator.decide;

import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.StreamingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where Bronze reads from and resumes: the topic and the checkpoint location the streaming application was submitted
 * with, kept in the status. A new checkpoint location (or a new topic, whose offsets the old checkpoint does not
 * hold) starts the query over from {@code startingOffsets}, re-ingesting or skipping data; so a submitted pipeline
 * refuses such an edit unless the user confirms it as a migration with an annotation naming the new value
 * ({@link ApiGroup#MIGRATE_CHECKPOINT_ANNOTATION}, {@link ApiGroup#MIGRATE_TOPIC_ANNOTATION}). Pure.
 */
public final class StreamingOrigin {
  private StreamingOrigin() {}

  /** One sentence per refused field, empty when the spec may be submitted. */
  public static List<String> refusedEdits(FeaturePipeline fp, StreamingStatus submitted) {
    List<String> refused = new ArrayList<>();
    if (submitted == null) {
      return refused;
    }
    Map<String, String> annotations = fp.getMetadata().getAnnotations() == null ? Map.of()
        : fp.getMetadata().getAnnotations();
    check(refused, "spec.streaming.checkpointLocation", submitted.checkpointLocation,
        fp.getSpec().streaming.checkpointLocation, ApiGroup.MIGRATE_CHECKPOINT_ANNOTATION, annotations);
    check(refused, "spec.source.topic", submitted.topic, fp.getSpec().source.topic,
        ApiGroup.MIGRATE_TOPIC_ANNOTATION, annotations);
    return refused;
  }

  /** Records what the application is submitted with: the origin later edits are compared to. */
  public static void record(FeaturePipeline fp, StreamingStatus streaming) {
    streaming.checkpointLocation = fp.getSpec().streaming.checkpointLocation;
    streaming.topic = fp.getSpec().source.topic;
  }

  private static void check(List<String> refused, String field, String submitted, String wanted, String annotation,
      Map<String, String> annotations) {
    if (submitted != null && !submitted.equals(wanted) && !Objects.equals(annotations.get(annotation), wanted)) {
      refused.add(field + " changed from " + submitted + " to " + wanted + " while Bronze runs on the old value;"
          + " the streaming query would start over from startingOffsets. The application keeps running as it is."
          + " To migrate, annotate the pipeline " + annotation + "=" + wanted + ", or set the field back");
    }
  }
}
