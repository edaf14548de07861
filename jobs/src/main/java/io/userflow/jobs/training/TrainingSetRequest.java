package io.userflow.jobs.training;

import io.userflow.core.training.FeatureRef;
import java.util.List;
import java.util.Map;

/**
 * One training set to build.
 *
 * @param entities the entity rows: a .csv (with a header), .jsonl/.json/.ndjson or .parquet file or folder
 * @param keyColumn the entity rows' column holding the entity key (the feature tables' key column of the same name)
 * @param timeColumn the entity rows' label time: a timestamp, or ISO-8601 text with an offset
 * @param features the features to add, {@code TABLE.FEATURE} or {@code TABLE.*}
 * @param out where to write: a .parquet, .csv or .jsonl folder that does not exist yet
 * @param asKnownAt whether each label also sees only what had been committed by its time
 * @param pinned tables read as of a given snapshot instead of their current one: in event-time mode the snapshot
 *     read; as known at a time, the newest snapshot any label sees (a label after it became current sees it), so the
 *     same labels give the same rows however the tables grow
 */
public record TrainingSetRequest(String entities, String keyColumn, String timeColumn, List<FeatureRef> features,
    String out, boolean asKnownAt, Map<String, Long> pinned) {
  public TrainingSetRequest {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("name at least one feature (--features TABLE.FEATURE or TABLE.*)");
    }
    for (String table : pinned.keySet()) {
      if (features.stream().noneMatch(f -> f.table().equals(table))) {
        throw new IllegalArgumentException("--snapshot " + table + "=... names a table no --features entry reads");
      }
    }
    features = List.copyOf(features);
    pinned = Map.copyOf(pinned);
  }

  public String mode() {
    return asKnownAt ? "as-known-at" : "event-time";
  }
}
