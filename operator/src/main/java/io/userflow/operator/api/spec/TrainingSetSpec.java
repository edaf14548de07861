package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.userflow.core.contract.JobOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Desired training set. Immutable once created, as a Reprocess: the status records the snapshots this spec was
 * read at, so a different training set is a new TrainingSet.
 */
@ValidationRule(value = "self == oldSelf", message = TrainingSetSpec.IMMUTABLE)
public class TrainingSetSpec {
  public static final String IMMUTABLE = "spec is immutable once the TrainingSet is created; create a new "
      + "TrainingSet (with spec.snapshots from this one's status.snapshots to reproduce it)";

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the FeaturePipeline in the same namespace whose feature tables are read; its "
      + "catalog, image and batch resources are used.")
  public String pipelineRef;

  @Required
  @Pattern(Patterns.STORAGE_URI)
  @JsonPropertyDescription("Entity rows (entity key, label time, any other columns): a .csv file with a header, "
      + ".jsonl/.json/.ndjson or .parquet, e.g. s3a://bucket/labels/2026-11.csv.")
  public String entities;

  @Default(JobOptions.ENTITY_COLUMN_DEFAULT)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The entity rows' key column; the feature tables' key column of the same name.")
  public String entityColumn = JobOptions.ENTITY_COLUMN_DEFAULT;

  @Default(JobOptions.TIMESTAMP_COLUMN_DEFAULT)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The entity rows' label time: a timestamp, or ISO-8601 text with an offset.")
  public String timestampColumn = JobOptions.TIMESTAMP_COLUMN_DEFAULT;

  @Required
  @Size(min = 1, max = 200)
  @JsonPropertyDescription("Features to add, TABLE.FEATURE or TABLE.* (every feature of TABLE); TABLE is one of "
      + "the pipeline's Gold tables.")
  public List<String> features;

  @Required
  @Pattern(Patterns.TRAINING_OUTPUT)
  @JsonPropertyDescription("Where to write, a folder that must not exist yet whose name ends in .parquet, .csv or "
      + ".jsonl, e.g. s3a://bucket/training/churn-2026-11.parquet.")
  public String output;

  @Default("false")
  @JsonPropertyDescription("Also leave out what was committed after each label's time (late events, backfills), "
      + "from the tables' snapshot history; by default each label sees the newest tile or window before it.")
  public boolean asKnownAt;

  @JsonPropertyDescription("Per table, the snapshot to read as of (event time: the snapshot read; as known at: the "
      + "newest one any label sees). Tables left out are read at their current snapshot when the TrainingSet "
      + "starts; status.snapshots records every one, so copying it here reproduces the training set exactly.")
  public Map<String, Long> snapshots = new LinkedHashMap<>();
}
