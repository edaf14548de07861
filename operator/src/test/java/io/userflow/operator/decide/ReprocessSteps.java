package io.userflow.operator.decide;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.ReprocessApproval;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Reprocess state machine ({@link ReprocessProgress}) driven as the framework drives it, on fake table metadata:
 * a Reprocess "nightly" of pipeline "clicks" whose Bronze is one snapshot ahead of Silver, the owned applications,
 * and the spark-operator's part ({@link #finish}).
 */
abstract class ReprocessSteps {
  final FakeTableMetadataService tables = new FakeTableMetadataService();
  private final CatalogSettings catalog = new CatalogSettings("userflow", "jdbc:sqlite:x", "file:/tmp/w", null, null);
  FeaturePipeline fp;
  Reprocess rp;
  final Map<String, SparkApplication> apps = new HashMap<>();
  String blocker;
  /** The operator's approval policy; none by default. */
  ApprovalPolicy approvalPolicy = Fixtures.approvalPolicy();
  /** The ReprocessApprovals in the namespace. */
  final List<ReprocessApproval> approvals = new ArrayList<>();
  ReprocessProgress.Step last;
  /** The clock of the next reconcile. */
  java.time.Instant now = Fixtures.NOW;

  @BeforeEach
  void setUp() {
    fp = Fixtures.pipeline("clicks");
    rp = Fixtures.reprocess("nightly", "clicks");
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).build());
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
    tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
  }

  /**
   * One event's worth of work as the framework runs it: a reconcile, and when that one only recorded a child (its
   * status patch brings the next reconcile at once) the reconcile that creates it; {@link #last} holds both.
   */
  ReprocessStatus step() {
    ReprocessProgress.Step first = reconcile(true);
    if (first.recordFirst()) {
      ReprocessProgress.Step second = reconcile(true);
      last = new ReprocessProgress.Step(second.status(), concat(first.create(), second.create()),
          concat(first.events(), second.events()), concat(first.plans(), second.plans()),
          concat(first.delete(), second.delete()), second.recordFirst());
    }
    return rp.getStatus();
  }

  /** One reconcile; {@code stored}: its status patch reached the API server (false: the operator died first). */
  ReprocessProgress.Step reconcile(boolean stored) {
    last = ReprocessProgress.next(new ReprocessProgress.Inputs(rp, fp, blocker, apps,
        fp == null ? null : new TableStagePlans(tables, () -> catalog, fp.getSpec(), rp.getSpec()), Fixtures.allowLists(),
        approvalPolicy, approvals, now));
    last.create().forEach(app -> apps.put(app.getMetadata().getName(), app));
    if (stored) {
      // what the API server stores: the status survives a JSON round trip (operator restart)
      rp.setStatus(Serialization.unmarshal(Serialization.asJson(last.status()), ReprocessStatus.class));
    }
    return last;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  void bronzeMoved() {
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).append(4, 50)
        .build());
  }

  /** What the spark-operator does: the application's state (and error message). */
  void finish(String app, AppState state, String error) {
    SparkApplicationStatus status = new SparkApplicationStatus();
    status.applicationState = ApplicationState.of(state, error);
    apps.get(app).setStatus(status);
  }

  void silverPublished(long bronzeSnapshot) {
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .lineage(21, bronzeSnapshot, "v1", "2026-11-02").build());
  }

  /**
   * What Silver run {@code app} leaves on its audit branch: its candidate, and the quality gate's verdict when the
   * gate judged it (null: the run died before).
   */
  void silverCandidate(String app, GateVerdict verdict) {
    TableHistory silver = new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .onBranch(AuditBranch.forRun(app), 22, Map.of("userflow.source-snapshot-id", "3"));
    if (verdict != null) {
      silver.onBranch(AuditBranch.forRun(app), 23, verdict.summary());
    }
    tables.put(silver.build());
  }

  List<EventReason> reasons() {
    return last.events().stream().map(EventNote::reason).toList();
  }

  /** Someone creates a ReprocessApproval of {@code planHash} for {@link #rp}. */
  void approve(String planHash) {
    approvals.add(Fixtures.approval("approval-" + approvals.size(), rp.getMetadata().getName(), planHash));
  }
}
