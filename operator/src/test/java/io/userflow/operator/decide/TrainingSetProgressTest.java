package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.SourceHistory;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.status.TrainingSetPhase;
import io.userflow.operator.api.status.TrainingSetStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetProgressTest {
  static final String DAILY = "user_daily_features";
  static final String ROLLING = "user_rolling_7d_features";

  private final FeaturePipeline pipeline = Fixtures.pipeline("clicks");
  private final Map<String, SourceHistory> histories = Map.of(
      DAILY, new TableHistory("events." + DAILY).overwrite(11, 100).overwrite(12, 120).build(),
      ROLLING, new TableHistory("events." + ROLLING).overwrite(21, 300).build());
  private final Map<String, List<String>> columns = Map.of(
      DAILY, List.of("user_id", "feature_date", "event_count", "revenue"),
      ROLLING, List.of("user_id", "as_of_date", "purchase_count"));
  private final TrainingSetProgress.Tables tables = new TrainingSetProgress.Tables() {
    @Override
    public SourceHistory history(String table) {
      return histories.getOrDefault(table, TableHistory.empty("events." + table));
    }

    @Override
    public List<String> columns(String table) {
      return columns.getOrDefault(table, List.of());
    }
  };

  private TrainingSetProgress.Step step(TrainingSet ts, SparkApplication app) {
    return TrainingSetProgress.next(new TrainingSetProgress.Inputs(ts, pipeline, app, tables, Fixtures.allowLists(),
        Fixtures.NOW));
  }

  @Test
  void theSnapshotsAreRecordedBeforeTheJobIsCreatedFromThem() {
    TrainingSet ts = Fixtures.trainingSet("churn", "clicks");
    ts.getSpec().snapshots = Map.of(DAILY, 11L);
    TrainingSetProgress.Step first = step(ts, null);
    assertThat(first.status().phase).isEqualTo(TrainingSetPhase.Running);
    assertThat(first.status().snapshots).containsExactly(Map.entry(DAILY, 11L), Map.entry(ROLLING, 21L));
    assertThat(first.status().mode).isEqualTo("event-time");
    assertThat(first.status().application).isEqualTo("churn-training-set");
    assertThat(first.create()).as("created by the next step, from the stored status").isNull();
    assertThat(first.recordFirst()).isTrue();

    ts.setStatus(first.status());
    TrainingSetProgress.Step second = step(ts, null);
    SparkApplication app = second.create();
    assertThat(app.getMetadata().getName()).isEqualTo("churn-training-set");
    assertThat(app.getSpec().mainClass).isEqualTo("io.userflow.jobs.training.TrainingSetJob");
    assertThat(app.getSpec().arguments).containsSequence("--snapshot", DAILY + "=11," + ROLLING + "=21")
        .containsSequence("--out", "s3a://ml/training/churn.parquet").containsSequence("--namespace", "events")
        .doesNotContain("--as-known-at");
    assertThat(app.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("TrainingSet");
    assertThat(Conditions.isTrue(second.status().conditions, Conditions.PROGRESSING)).isTrue();
  }

  @Test
  void aDeclaredGroupsTableIsAFeatureTable() {
    pipeline.getSpec().features = Fixtures.features(Fixtures.FEATURES);
    TrainingSet ts = Fixtures.trainingSet("churn", "clicks");
    ts.getSpec().features = List.of("shopper_30d.spend", "shopper_daily.*");
    Map<String, SourceHistory> all = new java.util.HashMap<>(histories);
    all.put("shopper_30d", new TableHistory("events.shopper_30d").overwrite(31, 50).build());
    all.put("shopper_daily", new TableHistory("events.shopper_daily").overwrite(41, 50).build());
    Map<String, List<String>> cols = Map.of("shopper_30d", List.of("user_id", "as_of_date", "spend"),
        "shopper_daily", List.of("user_id", "feature_date", "big_purchases", "spend"));
    TrainingSetProgress.Tables declared = new TrainingSetProgress.Tables() {
      @Override
      public SourceHistory history(String table) {
        return all.getOrDefault(table, TableHistory.empty("events." + table));
      }

      @Override
      public List<String> columns(String table) {
        return cols.getOrDefault(table, List.of());
      }
    };
    TrainingSetProgress.Step first = TrainingSetProgress.next(new TrainingSetProgress.Inputs(ts, pipeline, null,
        declared, Fixtures.allowLists(), Fixtures.NOW));
    assertThat(first.status().phase).as("%s", first.status().conditions).isEqualTo(TrainingSetPhase.Running);
    assertThat(first.status().snapshots).containsExactly(Map.entry("shopper_30d", 31L), Map.entry("shopper_daily", 41L));
  }

  @Test
  void theApplicationsEndIsTheTrainingSetsEnd() {
    TrainingSet ts = Fixtures.trainingSet("churn", "clicks");
    ts.getSpec().asKnownAt = true;
    ts.setStatus(step(ts, null).status());
    SparkApplication app = step(ts, null).create();
    assertThat(app.getSpec().arguments).contains("--as-known-at");

    app.setStatus(new SparkApplicationStatus());
    app.getStatus().applicationState = ApplicationState.of(AppState.RUNNING, null);
    assertThat(step(ts, app).status().phase).isEqualTo(TrainingSetPhase.Running);
    app.getStatus().applicationState = ApplicationState.of(AppState.COMPLETED, null);
    TrainingSetStatus done = step(ts, app).status();
    assertThat(done.phase).isEqualTo(TrainingSetPhase.Succeeded);
    assertThat(Conditions.isTrue(done.conditions, Conditions.SUCCEEDED)).isTrue();
    assertThat(Conditions.isTrue(done.conditions, Conditions.PROGRESSING)).isFalse();

    app.getStatus().applicationState = ApplicationState.of(AppState.FAILED, "driver exited: --out exists");
    TrainingSetStatus failed = step(ts, app).status();
    assertThat(failed.phase).isEqualTo(TrainingSetPhase.Failed);
    assertThat(failed.failure).contains("churn-training-set failed: driver exited: --out exists",
        "remove s3a://ml/training/churn.parquet", "status.snapshots");
    assertThat(Conditions.find(failed.conditions, Conditions.FAILED).orElseThrow().reason).isEqualTo("StageFailed");
  }

  @Test
  void aBadSpecFailsNamingTheFieldAndStartsNothing() {
    TrainingSet ts = Fixtures.trainingSet("churn", "clicks");
    ts.getSpec().features = List.of("silver_events.event_type", "user_daily_features.nope", "Bad Ref");
    ts.getSpec().snapshots = Map.of(ROLLING, 21L);
    TrainingSetProgress.Step step = step(ts, null);
    assertThat(step.status().phase).isEqualTo(TrainingSetPhase.Failed);
    assertThat(step.status().failure).contains("spec.features[2] must match");
    assertThat(step.create()).isNull();

    ts.getSpec().features = List.of("silver_events.event_type", "user_daily_features.nope");
    String failure = step(ts, null).status().failure;
    assertThat(failure).contains("spec.features[0] reads table silver_events, which is not a feature table",
        "table user_daily_features has no feature nope; its features: [event_count, revenue]",
        "spec.snapshots.user_rolling_7d_features names a table no spec.features entry reads");
    assertThat(step(ts, null).events()).extracting(e -> e.reason()).containsExactly(EventReason.InvalidSpec);

    ts.getSpec().features = List.of(DAILY + ".*");
    ts.getSpec().snapshots = Map.of(DAILY, 99L);
    assertThat(step(ts, null).status().failure).contains("spec.snapshots.user_daily_features: the table has no "
        + "snapshot 99 (expired, or of another table); its current snapshot is 12");

    ts.getSpec().snapshots = Map.of();
    ts.getSpec().entityColumn = "account_id";
    assertThat(step(ts, null).status().failure).contains("has no key column account_id (spec.entityColumn)");
  }

  @Test
  void aMissingPipelineOrAnEmptyTableIsNamed() {
    TrainingSet ts = Fixtures.trainingSet("churn", "gone");
    TrainingSetStatus s = TrainingSetProgress.next(new TrainingSetProgress.Inputs(ts, null, null, null,
        Fixtures.allowLists(), Fixtures.NOW)).status();
    assertThat(s.phase).isEqualTo(TrainingSetPhase.Failed);
    assertThat(s.failure).contains("spec.pipelineRef: FeaturePipeline gone does not exist in namespace team-a");

    FeaturePipeline other = Fixtures.pipeline("clicks");
    other.getSpec().tables.goldRolling = "rolling_v2";
    ts = Fixtures.trainingSet("churn", "clicks");
    ts.getSpec().features = List.of("rolling_v2.purchase_count");
    s = TrainingSetProgress.next(new TrainingSetProgress.Inputs(ts, other, null, tables, Fixtures.allowLists(),
        Fixtures.NOW)).status();
    assertThat(s.failure).contains("reads table rolling_v2, which has no snapshot yet; run a Reprocess of "
        + "FeaturePipeline clicks first");
  }

  @Test
  void aPipelineTheOperatorDoesNotAllowBuildsNothing() {
    pipeline.getSpec().streaming.serviceAccount = Fixtures.OPERATOR_SERVICE_ACCOUNT;
    TrainingSetProgress.Step step = step(Fixtures.trainingSet("churn", "clicks"), null);
    assertThat(step.status().phase).isEqualTo(TrainingSetPhase.Failed);
    assertThat(step.status().failure).contains("does not allow");
    assertThat(step.create()).isNull();
  }
}
