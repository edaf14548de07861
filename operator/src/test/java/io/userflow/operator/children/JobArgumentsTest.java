package io.userflow.operator.children;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.PlanMode;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StagePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
  private final FeaturePipelineSpec spec = Fixtures.pipeline("clicks").getSpec();

  /** Options as a map; every option in these command lines takes exactly one value. */
  private static Map<String, String> options(List<String> args) {
    assertThat(args.size() % 2).isZero();
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      assertThat(args.get(i)).startsWith("--");
      assertThat(out.put(args.get(i), args.get(i + 1))).as("duplicate option " + args.get(i)).isNull();
    }
    return out;
  }

  @Test
  void bronzeGetsKafkaCheckpointTriggerAndCatalogOptions() {
    Map<String, String> o = options(JobArguments.bronze(spec, "clicks", "clicks-bronze"));
    assertThat(o).containsEntry("--bootstrap-servers", "kafka:9092").containsEntry("--topic", "user-events")
        .containsEntry("--starting-offsets", "earliest").containsEntry("--security-protocol", "PLAINTEXT")
        .doesNotContainKey("--sasl-mechanism")
        .containsEntry("--checkpoint", "s3a://checkpoints/userflow/bronze")
        .containsEntry("--trigger", "processing-time:10s").containsEntry("--pipeline", "clicks")
        .containsEntry("--run-id", "clicks-bronze").containsEntry("--transform-version", "v1")
        .containsEntry("--catalog-name", "userflow")
        .containsEntry("--catalog-uri", "jdbc:postgresql://catalog-db:5432/iceberg")
        .containsEntry("--warehouse", "s3a://warehouse/userflow").containsEntry("--namespace", "events")
        .containsEntry("--bronze-table", "bronze_events").containsEntry("--silver-table", "silver_events")
        .containsEntry("--rejects-table", "silver_rejects").containsEntry("--gold-daily-table", "user_daily_features")
        .containsEntry("--gold-rolling-table", "user_rolling_7d_features");
  }

  @Test
  void credentialsNeverAppearInArguments() {
    assertThat(JobArguments.bronze(spec, "clicks", "r")).noneMatch(a -> a.contains("password") || a.contains("user="));
  }

  @Test
  void aJdbcCatalogsCommandLineNamesNoTypeSoAnUpgradeResubmitsNothing() {
    assertThat(options(JobArguments.bronze(spec, "clicks", "r"))).doesNotContainKeys("--catalog-type",
        "--catalog-prefix", "--catalog-header", "--catalog-vended-credentials", "--catalog-oauth2-server-uri");
  }

  @Test
  void aRestCatalogReachesEveryJobWithItsSettingsButNotItsCredential() {
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.oauth2ServerUri = "https://idp.example.com/oauth2/token";
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.INCREMENTAL;
    List<List<String>> commandLines = List.of(JobArguments.bronze(spec, "clicks", "r"),
        JobArguments.batch(spec, "clicks", "r", Stage.Silver, plan, List.of()),
        JobArguments.batch(spec, "clicks", "r", Stage.Maintenance, null, List.of()),
        JobArguments.trainingSet(spec, Fixtures.trainingSet("ts", "clicks").getSpec(), Map.of()));
    for (List<String> args : commandLines) {
      assertThat(options(args)).containsEntry("--catalog-type", "rest")
          .containsEntry("--catalog-uri", "https://polaris.example.com/api/catalog")
          .containsEntry("--warehouse", "analytics").containsEntry("--catalog-prefix", "analytics")
          .containsEntry("--catalog-oauth2-server-uri", "https://idp.example.com/oauth2/token")
          .containsEntry("--catalog-header", "X-Tenant=team-a")
          .containsEntry("--catalog-vended-credentials", "true");
      // the Secret's name and key reach the pods as references (SecretKeyRefs), the value never
      assertThat(args).noneMatch(a -> a.contains("rest-catalog") || a.contains("credential="));
    }
    spec.catalog.vendedCredentials = false;
    assertThat(options(JobArguments.bronze(spec, "clicks", "r"))).doesNotContainKey("--catalog-vended-credentials");
  }

  @Test
  void silverGetsPlannedModeAndSessionAndGateSettings() {
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.INCREMENTAL;
    Map<String, String> o = options(JobArguments.batch(spec, "clicks", "run-1", Stage.Silver, plan, List.of()));
    assertThat(o).containsEntry("--mode", "INCREMENTAL").containsEntry("--session-gap-minutes", "30")
        .containsEntry("--reject-ratio-threshold", "0.2").containsEntry("--full-rebuild-share", "0.5")
        .containsEntry("--max-unrequested-shrink", "0.5")
        .containsEntry("--run-id", "run-1").doesNotContainKeys("--from-date", "--to-date", "--topic");
  }

  @Test
  void silverGetsOnlyTheEventRulesThePipelineSets() {
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.INCREMENTAL;
    assertThat(options(JobArguments.batch(spec, "clicks", "r", Stage.Silver, plan, List.of())))
        .doesNotContainKeys("--max-event-age-days", "--max-price", "--event-time-floor");
    spec.batch.eventRules = new io.userflow.operator.api.spec.EventRulesSpec();
    spec.batch.eventRules.maxEventAgeDays = 0;
    spec.batch.eventRules.maxPrice = "25000.50";
    spec.batch.eventRules.eventTimeFloor = "2015-01-01T00:00:00Z";
    assertThat(options(JobArguments.batch(spec, "clicks", "r", Stage.Silver, plan, List.of())))
        .containsEntry("--max-event-age-days", "0").containsEntry("--max-price", "25000.50")
        .containsEntry("--event-time-floor", "2015-01-01T00:00:00Z").doesNotContainKeys("--max-quantity");
    assertThat(options(JobArguments.batch(spec, "clicks", "r", Stage.Gold, plan, List.of()))).doesNotContainKeys("--max-price");
  }

  @Test
  void goldAndMaintenanceGetTheDeclaredFeatureGroupsAsTheTextTheyParse() {
    spec.features = io.userflow.operator.Fixtures.features(io.userflow.operator.Fixtures.FEATURES);
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.INCREMENTAL;
    String text = options(JobArguments.batch(spec, "clicks", "run-1", Stage.Gold, plan, List.of())).get("--feature-groups");
    assertThat(io.userflow.core.features.DeclaredGroups.parse(text, java.util.List.of()).groups())
        .extracting(io.userflow.core.features.FeatureGroup::name)
        .containsExactly("shopper_daily", "shopper_30d");
    assertThat(text).doesNotContain("null");
    assertThat(options(JobArguments.batch(spec, "clicks", "run-1", Stage.Silver, plan, List.of()))).doesNotContainKey("--feature-groups")
        .doesNotContainKey("--events");
    spec.events = new io.userflow.operator.api.spec.EventsSpec();
    spec.events.types = java.util.List.of("click");
    for (Stage stage : java.util.List.of(Stage.Silver, Stage.Gold)) {
      assertThat(options(JobArguments.batch(spec, "clicks", "run-1", stage, plan, List.of()))).as("%s", stage)
          .containsEntry("--events", "{\"types\":[\"click\"]}");
    }
    // maintenance keeps the declared tables too, and drops only what the Reprocess names
    Map<String, String> maintenance = options(JobArguments.batch(spec, "clicks", "m-1", Stage.Maintenance, null,
        List.of("product_daily", "old_30d")));
    assertThat(maintenance).containsEntry("--feature-groups", text).containsEntry("--events", "{\"types\":[\"click\"]}")
        .containsEntry("--drop-tables", "product_daily,old_30d");
  }

  @Test
  void backfillPassesTheDateRangeAndGoldGetsNoSessionSettings() {
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.FULL;
    plan.dateRange = DateRangeSpec.of("2026-11-01", "2026-11-03");
    Map<String, String> o = options(JobArguments.batch(spec, "clicks", "run-1", Stage.Gold, plan, List.of()));
    assertThat(o).containsEntry("--mode", "FULL").containsEntry("--from-date", "2026-11-01")
        .containsEntry("--to-date", "2026-11-03").doesNotContainKeys("--session-gap-minutes",
            "--reject-ratio-threshold");
  }

  @Test
  void aFullThePlannerChoseRunsAsAutoSoTheJobKnowsNobodyAskedForIt() {
    StagePlan plan = new StagePlan();
    plan.mode = PlanMode.FULL;
    plan.reason = io.userflow.core.planner.PlanReason.LAST_PROCESSED_EXPIRED;
    spec.batch.maxUnrequestedShrink = 0.2;
    assertThat(options(JobArguments.batch(spec, "clicks", "r", Stage.Silver, plan, List.of()))).containsEntry("--mode", "AUTO")
        .containsEntry("--max-unrequested-shrink", "0.2");
    plan.reason = io.userflow.core.planner.PlanReason.FORCED_BY_REQUEST;
    assertThat(options(JobArguments.batch(spec, "clicks", "r", Stage.Silver, plan, List.of()))).containsEntry("--mode", "FULL");
  }

  @Test
  void mainClassesPerStage() {
    assertThat(Stage.Silver.mainClass()).isEqualTo("io.userflow.jobs.silver.SilverJob");
    assertThat(Stage.Gold.mainClass()).isEqualTo("io.userflow.jobs.gold.GoldJob");
  }

  @Test
  void maintenanceGetsTheRunAndTheTablesButNoPlanOptions() {
    Map<String, String> o = options(JobArguments.batch(spec, "clicks", "nightly-maintenance-1", Stage.Maintenance, null, List.of()));
    assertThat(Stage.Maintenance.mainClass()).isEqualTo(io.userflow.core.contract.JobMains.MAINTENANCE);
    assertThat(o).containsEntry("--pipeline", "clicks").containsEntry("--run-id", "nightly-maintenance-1")
        .containsEntry("--catalog-uri", "jdbc:postgresql://catalog-db:5432/iceberg")
        .containsEntry("--gold-rolling-table", "user_rolling_7d_features")
        .doesNotContainKeys("--mode", "--transform-version", "--full-rebuild-share", "--session-gap-minutes",
            "--drop-tables", "--feature-groups");
  }
}
