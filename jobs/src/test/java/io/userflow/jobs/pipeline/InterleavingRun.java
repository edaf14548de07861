package io.userflow.jobs.pipeline;

import io.userflow.core.features.DeclaredGroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.maintenance.MaintenanceStage;
import io.userflow.jobs.pipeline.Interleaving.Kind;
import io.userflow.jobs.pipeline.Interleaving.Op;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.ConcurrentWriteException;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Carries out an {@link Interleaving} on one namespace: arrival batches go to a real broker, Bronze reads them in
 * micro-batches, the batch stages run in this JVM's Spark session. Keeps the history of what each operation did,
 * which a failing check prints with the seed.
 */
final class InterleavingRun {
  /** Thrown by a hook where the process would have been killed: nothing after the boundary runs. */
  static final class Killed extends Error {
    Killed(CommitBoundary at) {
      super("killed at " + at, null, false, false);
    }
  }

  /** Maintenance as aggressive as it gets: every table compacted, every snapshot no plan needs expired. */
  static final MaintenanceStage.Settings MAINTAIN = new MaintenanceStage.Settings(2, 1, Duration.ZERO, Duration.ofHours(1));

  private final SparkSession spark;
  private final TableLayout layout;
  private final BronzeSettings bronze;
  private final List<Simulation> batches;
  private final String topic;
  private final String bootstrap;
  private final List<String> history = new ArrayList<>();
  private int sent;
  private int runs;

  InterleavingRun(SparkSession spark, TableLayout layout, BronzeSettings bronze, List<Simulation> batches, String topic) {
    this.spark = spark;
    this.layout = layout;
    this.bronze = bronze;
    this.batches = batches;
    this.topic = topic;
    this.bootstrap = bronze.bootstrapServers();
  }

  List<String> history() {
    return history;
  }

  void apply(Op op) {
    String outcome = switch (op.kind()) {
      case ARRIVE -> arrive();
      case BRONZE -> bronze();
      case CRASH -> crash(op);
      case CONCURRENT -> concurrent(op);
      default -> stage(op.kind(), op.range(), CommitHook.NONE);
    };
    history.add(op + " -> " + outcome);
  }

  /** Sends what has not arrived yet, streams it into Bronze, and runs Silver and Gold until both plan NOOP. */
  void drain() {
    while (sent < batches.size()) {
      arrive();
    }
    history.add("drain: " + bronze() + "; " + stage(Kind.SILVER, null, CommitHook.NONE) + "; "
        + stage(Kind.GOLD, null, CommitHook.NONE));
    String silver = stage(Kind.SILVER, null, CommitHook.NONE);
    String gold = stage(Kind.GOLD, null, CommitHook.NONE);
    history.add("drained: " + silver + "; " + gold);
    assertThat(silver).as("Silver after the drain, %s", history).startsWith("silver NOOP");
    assertThat(gold).as("Gold after the drain, %s", history).startsWith("gold NOOP");
  }

  private String arrive() {
    if (sent == batches.size()) {
      return "nothing left to send";
    }
    try (KafkaEventSender sender = new KafkaEventSender(bootstrap)) {
      sender.send(topic, batches.get(sent).records());
    }
    return "batch " + sent + " of " + batches.size() + " sent (" + batches.get(sent++).size() + " records)";
  }

  private String bronze() {
    var r = BronzeJob.run(spark, bronze.withRunId("b" + runs++));
    return "bronze " + r.batchesCommitted() + " micro-batch(es), " + r.rowsWritten() + " rows";
  }

  private String crash(Op op) {
    String first;
    try {
      first = stage(op.stage(), op.range(), boundary -> {
        if (boundary == op.at()) {
          throw new Killed(boundary);
        }
      });
    } catch (Killed k) {
      first = k.getMessage();
    }
    return first + "; rerun " + stage(op.stage().silver() ? Kind.SILVER : Kind.GOLD, null, CommitHook.NONE);
  }

  /**
   * The first writer runs; standing at its boundary it lets the second run whole. The second must commit; the first
   * either commits too (the two did not touch the same table state) or fails with a conflict, and then its rerun
   * must commit.
   */
  private String concurrent(Op op) {
    Kind secondKind = op.second();
    DateRange firstRange = op.stage() == Kind.SILVER_RANGE || op.stage() == Kind.GOLD_RANGE ? op.range() : null;
    DateRange secondRange = firstRange == null ? op.range() : null;
    String[] second = {null};
    String first;
    try {
      first = stage(op.stage(), firstRange, boundary -> {
        if (boundary == op.at() && second[0] == null) {
          second[0] = stage(secondKind, secondRange, CommitHook.NONE);
        }
      });
    } catch (ConcurrentWriteException e) {
      first = "conflict (" + e.getMessage() + "); rerun " + stage(op.stage(), firstRange, CommitHook.NONE);
    }
    if (second[0] == null) {
      second[0] = stage(secondKind, secondRange, CommitHook.NONE) + " after (the first never reached " + op.at() + ")";
    }
    return "first " + first + " | second " + second[0];
  }

  private String stage(Kind kind, DateRange range, CommitHook hook) {
    String upstream = layout.sparkName(kind.silver() ? layout.bronze() : layout.silver());
    if (kind != Kind.MAINTAIN && !IcebergTables.exists(spark, upstream)) {
      // refused before anything is written, with what to do: the stage it needs has not run yet
      String error = assertThrows(IllegalStateException.class, () -> run(kind, range, hook)).getMessage();
      assertThat(error).contains(upstream + " does not exist", "Run the");
      return "refused: " + error;
    }
    return run(kind, range, hook);
  }

  private String run(Kind kind, DateRange range, CommitHook hook) {
    String runId = "r" + runs++;
    return switch (kind) {
      case SILVER, SILVER_RANGE, SILVER_FULL -> {
        SilverResult r = SilverStage.run(spark, layout, RunContext.of("it", runId, request(kind, range,
            SilverStage.TRANSFORM_VERSION)), SilverStageTest.LENIENT, hook);
        assertThat(r.published() || r.plan().isNoop()).as("Silver run %s: gate %s; %s", runId, r.gate(), history).isTrue();
        yield "silver " + r.plan().mode() + " " + r.plan().reason();
      }
      case GOLD, GOLD_RANGE, GOLD_FULL -> {
        var r = GoldStage.run(spark, layout, RunContext.of("it", runId, request(kind, range, GoldStage.TRANSFORM_VERSION)), hook);
        yield "gold " + r.plan().mode() + " " + r.plan().reason();
      }
      case MAINTAIN -> {
        var result = MaintenanceStage.run(spark, layout, DeclaredGroups.none(), List.of(),
            MaintenanceStage.summary("it", runId), MAINTAIN, Instant.now(),
            line -> { });
        yield "maintained, compacted " + result.tables().stream()
            .filter(t -> t.rewrittenDataFiles() + t.rewrittenDeleteFiles() > 0).map(t -> t.table()).toList();
      }
      default -> throw new IllegalArgumentException(kind + " is not a stage");
    };
  }

  private static PlanRequest request(Kind kind, DateRange range, String version) {
    RequestedMode mode = kind == Kind.SILVER_FULL || kind == Kind.GOLD_FULL ? RequestedMode.FULL : RequestedMode.AUTO;
    // AUTO never turns FULL for a large delta here: the FULL operations are asked for, the incremental paths run
    return new PlanRequest(mode, version, 1.0,
        kind == Kind.SILVER_RANGE || kind == Kind.GOLD_RANGE ? range : null);
  }
}
