package io.userflow.jobs.silver;

import static io.userflow.jobs.testing.FakeBronze.event;
import static io.userflow.jobs.testing.HandMadeStream.DAY1;
import static io.userflow.jobs.testing.HandMadeStream.DAY2;
import static io.userflow.jobs.testing.HandMadeStream.layout;
import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobExit;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A pipeline that declares event fields, on real Spark and Iceberg: a default table evolved in place by a new field
 * (earlier rows null, no rebuild), bad values rejected with their reasons, a changed rule rebuilding in full, a removed
 * field's column kept, a field re-added with another type getting a new column, and a live field's type changed.
 */
class SilverDeclaredFieldsIT extends LocalSparkTest {
  /** A handful of events with a few rejects among them: the gate's reject share is not what is tested here. */
  private static final SilverStage.Settings SETTINGS = new SilverStage.Settings(30, 0.9, EventLimits.defaults(),
      Duration.ofHours(1));
  private static final String COUPON_8 = "{name: coupon, type: string, maxLength: 8}";
  private static final String DISCOUNT = "{name: discount, type: decimal, scale: 2, min: 0, max: 100}";

  private static SilverResult run(TableLayout layout, String run, String fields) {
    EventDeclaration events = fields == null ? EventDeclaration.defaults()
        : EventDeclaration.parse("fields: [" + fields + "]");
    // never FULL for the size of a delta: these batches are large next to the table
    return SilverStage.run(spark, layout, RunContext.of("test", run, new PlanRequest(RequestedMode.AUTO, "silver-1",
        1.0, null)), SETTINGS.withEvents(events));
  }

  private static String with(String event, String members) {
    return event.substring(0, event.length() - 1) + "," + members + "}";
  }

  /** Silver's rows by event_id: the named columns' values. */
  private static Map<String, List<Object>> rows(TableLayout layout, String... columns) {
    return spark.table(layout.sparkName(layout.silver())).collectAsList().stream().collect(Collectors.toMap(
        r -> r.getAs("event_id"), r -> Arrays.stream(columns).map(c -> (Object) r.getAs(c)).toList()));
  }

  private static StructType schema(TableLayout layout) {
    return spark.table(layout.sparkName(layout.silver())).schema();
  }

  private static Map<String, String> head(TableLayout layout) {
    return IcebergTables.load(spark, layout.sparkName(layout.silver()), "").currentSnapshot().summary();
  }

  @Test
  void declaredFieldsAreTypedColumnsEvolvedInPlaceAndAChangedRuleRebuildsInFull() {
    TableLayout layout = layout("declared");
    FakeBronze bronze = new FakeBronze(spark, layout);
    // an existing pipeline on today's contract: its table and summaries as ever
    bronze.append(DAY1, List.of(event("e1", "u1", "login", "2026-11-01T10:00:00.000Z"),
        with(event("e2", "u2", "page_view", "2026-11-01T11:00:00.000Z"), "\"coupon\":\"EARLY\"")));
    assertThat(run(layout, "r1", null).published()).isTrue();
    assertThat(schema(layout).fieldNames()).isEqualTo(SilverSchema.eventColumns());
    assertThat(head(layout)).doesNotContainKeys(LineageKeys.EVENTS, LineageKeys.EVENTS_HASH);

    // two fields declared: the table gains their columns in place, the run stays incremental
    bronze.append(DAY2, List.of(
        with(event("e3", "u1", "page_view", "2026-11-01T09:55:00.000Z"), "\"coupon\":\"SAVE10\",\"discount\":12.5"),
        with(event("e4", "u3", "page_view", "2026-11-02T10:00:00.000Z"), "\"coupon\":\"TOOLONGCOUPON\""),
        with(event("e5", "u3", "page_view", "2026-11-02T10:01:00.000Z"), "\"discount\":1.005"),
        with(event("e6", "u3", "page_view", "2026-11-02T10:02:00.000Z"), "\"discount\":\"x\""),
        event("e7", "u3", "page_view", "2026-11-02T10:03:00.000Z")));
    SilverResult added = run(layout, "r2", COUPON_8 + ", " + DISCOUNT);
    assertThat(added.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(added.published()).as("gate %s", added.gate()).isTrue();
    assertThat(added.rejectsByReason()).isEqualTo(Map.of("FIELD_TOO_LONG", 1L, "FIELD_OUT_OF_RANGE", 1L,
        "WRONG_FIELD_TYPE", 1L));
    StructType schema = schema(layout);
    assertThat(schema.fieldNames()).endsWith("ingest_time", "coupon", "discount");
    assertThat(schema.apply("coupon").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(schema.apply("discount").dataType()).isEqualTo(DataTypes.createDecimalType(38, 2));
    Map<String, List<Object>> rows = rows(layout, "coupon", "discount", "session_id");
    assertThat(rows.get("e3").subList(0, 2)).containsExactly("SAVE10", new BigDecimal("12.50"));
    // e1's session now starts at e3: its row was rewritten, and it still has no coupon (it was written before)
    assertThat(rows.get("e1").subList(0, 2)).containsOnlyNulls();
    assertThat(rows.get("e1").get(2)).isEqualTo(rows.get("e3").get(2));
    assertThat(rows.get("e2").subList(0, 2)).as("earlier rows are null, even where Bronze had a value").containsOnlyNulls();
    assertThat(rows.get("e7").subList(0, 2)).containsOnlyNulls();
    assertThat(rows).doesNotContainKeys("e4", "e5", "e6");
    List<Row> rejects = spark.table(layout.sparkName(layout.rejects())).filter("event_id IN ('e4', 'e5', 'e6')")
        .orderBy("event_id").collectAsList();
    assertThat(rejects).extracting(r -> r.getAs("reason_code") + ": " + r.getAs("reason_detail")).containsExactly(
        "FIELD_TOO_LONG: coupon has 13 characters; the limit is 8",
        "FIELD_OUT_OF_RANGE: discount 1.005 has more than 2 decimal places",
        "WRONG_FIELD_TYPE: discount must be a number, got STRING");
    EventDeclaration declared = EventDeclaration.parse("fields: [" + COUPON_8 + ", " + DISCOUNT + "]");
    assertThat(head(layout)).containsEntry(LineageKeys.EVENTS, declared.toJson())
        .containsEntry(LineageKeys.EVENTS_HASH, declared.hash());
    assertThat(IcebergTables.load(spark, layout.sparkName(layout.rejects()), "").currentSnapshot().summary())
        .containsEntry(LineageKeys.EVENTS, declared.toJson());

    // a rule changed: every event is validated again, Silver and its rejects rebuilt in full
    SilverResult changed = run(layout, "r3", COUPON_8.replace("maxLength: 8", "maxLength: 16") + ", " + DISCOUNT);
    assertThat(changed.plan().mode()).isEqualTo(PlanMode.FULL);
    assertThat(changed.plan().reason()).isEqualTo(PlanReason.EVENTS_CHANGED);
    assertThat(changed.plan().message()).contains("field coupon changed from string optional maxLength 8 to string"
        + " optional maxLength 16");
    assertThat(changed.published()).as("gate %s", changed.gate()).isTrue();
    rows = rows(layout, "coupon", "discount");
    assertThat(rows.get("e4")).containsExactly("TOOLONGCOUPON", null);
    assertThat(rows.get("e2")).as("a full rebuild fills earlier rows").containsExactly("EARLY", null);
    assertThat(spark.table(layout.sparkName(layout.rejects())).filter("reason_code = 'FIELD_TOO_LONG'").count()).isZero();
    assertThat(run(layout, "r3b", COUPON_8.replace("maxLength: 8", "maxLength: 16") + ", " + DISCOUNT).plan().mode())
        .as("nothing new, nothing changed").isEqualTo(PlanMode.NOOP);
  }

  @Test
  void aRemovedFieldKeepsItsColumnAndAFieldReAddedWithAnotherTypeGetsANewOne() {
    TableLayout layout = layout("removed");
    FakeBronze bronze = new FakeBronze(spark, layout);
    bronze.append(DAY1, List.of(with(event("e1", "u1", "login", "2026-11-01T10:00:00.000Z"), "\"discount\":5")));
    assertThat(run(layout, "r1", DISCOUNT).published()).isTrue();
    assertThat(rows(layout, "discount").get("e1")).containsExactly(new BigDecimal("5.00"));

    // discount no longer declared, gift added: incremental; the discount column and its values stay, unfilled
    bronze.append(DAY2, List.of(with(event("e2", "u2", "login", "2026-11-02T10:00:00.000Z"),
        "\"discount\":7,\"gift\":true")));
    SilverResult removed = run(layout, "r2", "{name: gift, type: boolean}");
    assertThat(removed.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(removed.published()).isTrue();
    assertThat(schema(layout).fieldNames()).endsWith("ingest_time", "discount", "gift");
    Map<String, List<Object>> rows = rows(layout, "discount", "gift");
    assertThat(rows.get("e1")).containsExactly(new BigDecimal("5.00"), null);
    assertThat(rows.get("e2")).containsExactly(null, true);

    // discount back as an integer: a new column of that type under the name, earlier values null
    bronze.append(DAY2.plusSeconds(60), List.of(with(event("e3", "u3", "login", "2026-11-02T10:01:00.000Z"),
        "\"discount\":9")));
    SilverResult readded = run(layout, "r3", "{name: gift, type: boolean}, {name: discount, type: integer}");
    assertThat(readded.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(readded.published()).isTrue();
    assertThat(schema(layout).apply("discount").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(schema(layout).fieldNames()).endsWith("ingest_time", "gift", "discount");
    rows = rows(layout, "discount", "gift");
    assertThat(rows.get("e1")).containsExactly(null, null);
    assertThat(rows.get("e3")).containsExactly(9L, null);

    // the live field's type changed: a new column of the new type, and a FULL run fills it for every event
    SilverResult retyped = run(layout, "r4", "{name: gift, type: boolean}, {name: discount, type: decimal, scale: 1}");
    assertThat(retyped.plan().reason()).isEqualTo(PlanReason.EVENTS_CHANGED);
    assertThat(retyped.plan().message()).contains("field discount changed from integer optional to decimal(scale 1)");
    assertThat(retyped.published()).as("gate %s", retyped.gate()).isTrue();
    assertThat(schema(layout).apply("discount").dataType()).isEqualTo(DataTypes.createDecimalType(38, 1));
    rows = rows(layout, "discount", "gift");
    assertThat(rows.get("e1")).containsExactly(new BigDecimal("5.0"), null);
    assertThat(rows.get("e2")).containsExactly(new BigDecimal("7.0"), true);
    assertThat(rows.get("e3")).containsExactly(new BigDecimal("9.0"), null);
  }

  @Test
  void theJobTakesTheDeclarationAsJsonAndRefusesABadOneAsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine job = SilverJob.commandLine();
    job.setErr(new PrintWriter(err));
    int exit = job.execute(JobOptions.EVENTS, "{\"fields\":[{\"name\":\"coupon\",\"type\":\"text\"}]}",
        "--warehouse", dir.resolve("unused").toString());
    assertThat(exit).isEqualTo(JobExit.USAGE);
    assertThat(err.toString()).contains("event field coupon: unknown type text");
  }
}
