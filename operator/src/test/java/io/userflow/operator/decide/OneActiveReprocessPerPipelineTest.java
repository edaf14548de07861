package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.iceberg.TableStagePlans;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded model of one pipeline's Reprocesses: reconciles in random order, the spark-operator finishing or failing
 * runs, users annotating retries, Bronze moving. After every operation at most one Reprocess of the pipeline is
 * active, whichever way it got there (a first admission or a retry of a failed one). Reconciles here see every
 * other Reprocess's last written status (no informer lag); a failing seed is printed and replays exactly.
 */
class OneActiveReprocessPerPipelineTest {
  private static final int SEEDS = 12;
  private static final int OPERATIONS = 400;
  private static final CatalogSettings CATALOG = new CatalogSettings("userflow", "jdbc:sqlite:x", "file:/tmp/w", null, null);

  @Test
  void neverTwoActiveReprocessesOfOnePipelineIncludingRetries() {
    int retries = 0;
    int retriesQueued = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Model model = new Model(seed);
      for (int op = 0; op < OPERATIONS; op++) {
        String done = model.randomOperation();
        assertThat(model.active()).as("seed %d (replay with this seed), operation %d (%s): two active Reprocesses "
            + "of one pipeline", seed, op, done).hasSizeLessThanOrEqualTo(1);
      }
      retries += model.retries;
      retriesQueued += model.retriesQueued;
    }
    assertThat(retries).as("the seeds exercised the retry path").isGreaterThan(SEEDS);
    assertThat(retriesQueued).as("some retry met an active rival and queued behind it").isPositive();
  }

  private static final class Model {
    final Random random;
    final FakeTableMetadataService tables = new FakeTableMetadataService();
    final FeaturePipeline fp = Fixtures.pipeline("clicks");
    final Map<String, Reprocess> reprocesses = new LinkedHashMap<>();
    final Map<String, Map<String, SparkApplication>> apps = new HashMap<>();
    final TableHistory bronze = new TableHistory("events.bronze_events").append(1, 100).append(2, 100);
    final TableHistory silver = new TableHistory("events.silver_events").lineage(20, 1, "v1", "2026-11-01");
    long nextSnapshot = 100;
    int retries;
    int retriesQueued;

    Model(long seed) {
      random = new Random(seed);
      for (String name : List.of("a", "b", "c", "d", "e", "f")) {
        Reprocess rp = Fixtures.reprocess(name, "clicks");
        rp.getMetadata().setCreationTimestamp("2026-11-25T09:0" + reprocesses.size() + ":00Z");
        rp.getSpec().stages = List.of(Stage.Silver);
        rp.getSpec().retryLimit = random.nextInt(2);
        reprocesses.put(name, rp);
        apps.put(name, new HashMap<>());
      }
      publishTables();
    }

    void publishTables() {
      tables.put(bronze.build());
      tables.put(silver.build());
    }

    String randomOperation() {
      Reprocess rp = new ArrayList<>(reprocesses.values()).get(random.nextInt(reprocesses.size()));
      String name = rp.getMetadata().getName();
      int pick = random.nextInt(10);
      if (pick < 5) {
        reconcile(rp);
        return "reconcile " + name;
      } else if (pick < 8) {
        return finishRunning(rp);
      } else if (pick < 9) {
        // users retry failed runs, while others of the pipeline may be running
        List<Reprocess> failed = reprocesses.values().stream().filter(r -> phase(r) == ReprocessPhase.Failed)
            .toList();
        Reprocess retried = failed.isEmpty() ? rp : failed.get(random.nextInt(failed.size()));
        retried.getMetadata().setAnnotations(Map.of(ApiGroup.RETRY_ANNOTATION, Long.toString(nextSnapshot++)));
        return "annotate retry on " + retried.getMetadata().getName();
      }
      bronze.append(nextSnapshot++, 10);
      publishTables();
      return "Bronze append";
    }

    void reconcile(Reprocess rp) {
      boolean wasFailed = phase(rp) == ReprocessPhase.Failed;
      String blocker = ReprocessQueue.blocker(rp, reprocesses.values()).orElse(null);
      ReprocessProgress.Step step = ReprocessProgress.next(new ReprocessProgress.Inputs(rp, fp, blocker,
          apps.get(rp.getMetadata().getName()), new TableStagePlans(tables, () -> CATALOG, fp.getSpec(),
          rp.getSpec()), Fixtures.allowLists(), Fixtures.approvalPolicy(), List.of(), Fixtures.NOW));
      rp.setStatus(Serialization.unmarshal(Serialization.asJson(step.status()), ReprocessStatus.class));
      step.create().forEach(app -> apps.get(rp.getMetadata().getName()).put(app.getMetadata().getName(), app));
      List<EventReason> reasons = step.events().stream().map(EventNote::reason).toList();
      if (wasFailed && reasons.contains(EventReason.Resumed)) {
        retries++;
        if (phase(rp) == ReprocessPhase.Queued) {
          retriesQueued++;
        }
      }
    }

    String finishRunning(Reprocess rp) {
      if (rp.getStatus() == null || rp.getStatus().silver == null || rp.getStatus().silver.application == null) {
        return "nothing to finish";
      }
      SparkApplication app = apps.get(rp.getMetadata().getName()).get(rp.getStatus().silver.application);
      if (app == null || app.getStatus() != null) {
        return "nothing to finish";
      }
      boolean completed = random.nextInt(3) == 0;
      if (completed) {
        silver.lineage(nextSnapshot++, bronzeHead(), "v1", "2026-11-02");
        publishTables();
      }
      SparkApplicationStatus status = new SparkApplicationStatus();
      status.applicationState = ApplicationState.of(completed ? AppState.COMPLETED : AppState.FAILED,
          completed ? null : "boom");
      app.setStatus(status);
      return (completed ? "complete " : "fail ") + app.getMetadata().getName();
    }

    long bronzeHead() {
      return bronze.build().currentSnapshotId();
    }

    List<String> active() {
      return reprocesses.values().stream().filter(r -> phase(r).isActive()).map(r -> r.getMetadata().getName())
          .toList();
    }

    ReprocessPhase phase(Reprocess r) {
      return r.getStatus() == null || r.getStatus().phase == null ? ReprocessPhase.Pending : r.getStatus().phase;
    }
  }
}
