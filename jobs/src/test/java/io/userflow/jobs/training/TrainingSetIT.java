package io.userflow.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.training.FeatureRef;
import io.userflow.core.training.PointInTime;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Training sets on real Silver and Gold tables built from a fault-injected stream: every output row equals a
 * recomputation from only the events before its label (event time); as known at a time, a late event and a rebuild
 * committed after it do not show; a training set pinned to its recorded snapshots is reproduced byte for byte.
 */
class TrainingSetIT extends LocalSparkTest {
  private static final String DAILY = TableLayout.DEFAULT_GOLD_DAILY;
  private static final String ROLLING = TableLayout.DEFAULT_GOLD_ROLLING;
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Test
  void everyRowEqualsARecomputationFromTheEventsBeforeItsLabel() throws IOException {
    TableLayout layout = TableLayout.defaults().inNamespace("pit");
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(11).withUsers(25)
        .withStart(TODAY.minusDays(4).atStartOfDay().toInstant(ZoneOffset.UTC)).withDuration(Duration.ofDays(4))
        .withFaults(FaultRates.defaults().toBuilder().duplicate(0.05).late(0.05).outOfOrder(0.04).malformed(0.01).build()));
    for (Simulation batch : sim.arrivalBatches(2)) {
      runPipeline(layout, batch, "b" + batch.lastSendTime().toEpochMilli());
    }
    // labels over the stream's days and after it, some users twice at once, offsets other than Z, one before all
    Random random = new Random(5);
    List<String> lines = new ArrayList<>(List.of("user_id,timestamp,label"));
    List<String> users = sim.records().stream().map(r -> r.key()).filter(k -> k != null && !k.isBlank()).distinct().sorted().toList();
    Instant from = TODAY.minusDays(4).atStartOfDay().toInstant(ZoneOffset.UTC);
    for (int i = 0; i < 300; i++) {
      String user = i % 50 == 0 ? "nobody" : users.get(random.nextInt(users.size()));
      Instant t = from.plusSeconds(random.nextInt(6 * 86_400));
      String time = i % 3 == 0 ? t.atOffset(ZoneOffset.ofHours(2)).toString() : t.toString();
      lines.add(user + "," + time + "," + (i % 2));
      if (i % 40 == 0) {
        lines.add(user + "," + time + ",dup");
      }
    }
    lines.add(users.get(0) + ",2020-01-01T00:00:00Z,early");
    Path entities = dir.resolve("labels.csv");
    Files.write(entities, lines);

    TrainingSetResult result = build(layout, entities, "pit.parquet", false, Map.of(), DAILY + ".*", ROLLING + ".*");
    assertThat(result.rowsIn()).isEqualTo(lines.size() - 1).isEqualTo(result.rowsOut());
    List<Row> out = spark.read().parquet(result.out()).collectAsList();
    PointInTimeReference reference = PointInTimeReference.ofSilver(spark, layout.sparkName(layout.silver()));
    int withDaily = 0;
    for (int i = 0; i < out.size(); i++) {
      Row row = out.get(i);
      String[] line = lines.get(i + 1).split(",");
      assertThat(row.getString(0) + "," + row.getString(1) + "," + row.getString(2)).as("row %d in input order", i)
          .isEqualTo(lines.get(i + 1));
      LocalDate day = PointInTime.lastUsableDay(java.time.OffsetDateTime.parse(line[1]).toInstant());
      withDaily += check(row, DAILY, reference.daily(line[0], day), i) ? 1 : 0;
      check(row, ROLLING, reference.rolling(line[0], day), i);
    }
    assertThat(withDaily).as("labels that found a daily tile").isGreaterThan(100);
    assertThat(result.nulls().get(FeatureRef.column(DAILY, "event_count"))).isEqualTo(out.size() - withDaily);
    assertThat(result.snapshots()).containsOnlyKeys(DAILY, ROLLING);

    // pinned to the recorded snapshots after Gold moved on: the same bytes
    runPipeline(layout, EventSimulator.generate(SimulationOptions.defaults().withSeed(12).withUsers(5)
        .withStart(TODAY.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC)).withDuration(Duration.ofDays(1))
        .withFaults(FaultRates.none())), "more");
    Map<String, Long> pinned = Map.of(DAILY, result.snapshots().get(DAILY).get(0), ROLLING, result.snapshots().get(ROLLING).get(0));
    TrainingSetResult again = build(layout, entities, "pit-again.parquet", false, pinned, DAILY + ".*", ROLLING + ".*");
    assertThat(again.snapshots()).isEqualTo(result.snapshots());
    assertThat(dataFile(again.out())).hasSameBinaryContentAs(dataFile(result.out()));
  }

  @Test
  void asKnownAtALabelsTimeNothingCommittedLaterShows() throws Exception {
    TableLayout layout = TableLayout.defaults().inNamespace("known");
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(21).withUsers(10)
        .withStart(TODAY.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC)).withDuration(Duration.ofDays(3))
        .withFaults(FaultRates.none()));
    FakeBronze bronze = runPipeline(layout, sim, "first");
    Table daily = IcebergTables.load(spark, layout.sparkName(DAILY), "");
    Table rolling = IcebergTables.load(spark, layout.sparkName(ROLLING), "");
    Map<String, Long> before = Map.of(DAILY, daily.currentSnapshot().snapshotId(), ROLLING, rolling.currentSnapshot().snapshotId());
    Instant known = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Thread.sleep(50);
    String user = sim.records().get(0).key();
    // a late purchase of yesterday, then a rebuild of Gold: both committed after the labels' time
    bronze.append(Instant.now(), List.of(FakeBronze.event("late-1", user, "purchase", TODAY.minusDays(1) + "T12:00:00Z")));
    runStages(layout, RequestedMode.AUTO, "late");
    runGold(layout, RequestedMode.FULL, "rebuild");
    Path entities = dir.resolve("known.jsonl");
    Files.write(entities, Stream.of(user, sim.records().get(5).key(), "nobody")
        .map(u -> "{\"user_id\":\"" + u + "\",\"timestamp\":\"" + known + "\"}").toList());

    TrainingSetResult knownAt = build(layout, entities, "known.parquet", true, Map.of(), ROLLING + ".purchase_count", DAILY + ".revenue");
    TrainingSetResult pinned = build(layout, entities, "pinned.parquet", false, before, ROLLING + ".purchase_count", DAILY + ".revenue");
    TrainingSetResult now = build(layout, entities, "now.parquet", false, Map.of(), ROLLING + ".purchase_count", DAILY + ".revenue");
    assertThat(knownAt.snapshots()).isEqualTo(Map.of(DAILY, List.of(before.get(DAILY)), ROLLING, List.of(before.get(ROLLING))));
    List<Row> asKnown = spark.read().parquet(knownAt.out()).collectAsList();
    assertThat(asKnown).isEqualTo(spark.read().parquet(pinned.out()).collectAsList());
    List<Row> current = spark.read().parquet(now.out()).collectAsList();
    String column = FeatureRef.column(ROLLING, "purchase_count");
    long knownCount = asKnown.get(0).isNullAt(asKnown.get(0).fieldIndex(column)) ? 0 : asKnown.get(0).<Long>getAs(column);
    assertThat(current.get(0).<Long>getAs(column)).as("event time sees the late purchase").isEqualTo(knownCount + 1);
    assertThat(asKnown.get(2).<Long>getAs(column)).isNull();

    // labels after the late commits, capped at the snapshots recorded before them: they see what was current then
    Path later = dir.resolve("later.jsonl");
    Files.write(later, Files.readAllLines(entities).stream().map(l -> l.replace(known.toString(), Instant.now().toString())).toList());
    TrainingSetResult capped = build(layout, later, "capped.parquet", true, before, ROLLING + ".purchase_count", DAILY + ".revenue");
    assertThat(capped.snapshots()).isEqualTo(knownAt.snapshots());
    assertThat(spark.read().parquet(capped.out()).drop("timestamp").collectAsList())
        .isEqualTo(spark.read().parquet(knownAt.out()).drop("timestamp").collectAsList());

    // once expiry removed what was current then, that time is refused with the oldest usable one
    for (Table t : List.of(daily, rolling)) {
      t.refresh();
      t.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
    }
    assertThatThrownBy(() -> build(layout, entities, "expired.parquet", true, Map.of(), DAILY + ".revenue"))
        .hasMessageContaining("no longer holds what it held at " + known)
        .hasMessageContaining("the oldest time a training set can be known at is");
  }

  @Test
  void aLabelTimeWithoutAnOffsetIsRefusedNotGuessed() throws IOException {
    Path entities = dir.resolve("bad.csv");
    Files.write(entities, List.of("user_id,timestamp", "u1,2026-11-05T10:00:00Z", "u2,2026-11-05 10:00:00", "u3,soon"));
    TableLayout layout = TableLayout.defaults().inNamespace("pit");
    assertThatThrownBy(() -> build(layout, entities, "bad.parquet", false, Map.of(), DAILY + ".revenue"))
        .hasMessageContaining("2 entity rows have no user_id or a timestamp that is not an ISO-8601 time with an offset")
        .hasMessageContaining("u2 2026-11-05 10:00:00");
  }

  private TrainingSetResult build(TableLayout layout, Path entities, String out, boolean asKnownAt, Map<String, Long> pinned,
      String... features) {
    return TrainingSetStage.run(spark, layout.catalog() + "." + layout.namespace() + ".", new TrainingSetRequest(
        entities.toString(), "user_id", "timestamp", Stream.of(features).map(FeatureRef::parse).toList(),
        dir.resolve(out).toString(), asKnownAt, pinned));
  }

  /** Compares a row's features of {@code table} with the reference; returns whether it had any. */
  private static boolean check(Row row, String table, Map<String, Object> expected, int index) {
    for (String field : row.schema().fieldNames()) {
      if (field.startsWith(table + "__")) {
        Object actual = row.isNullAt(row.fieldIndex(field)) ? null : row.get(row.fieldIndex(field));
        Object want = expected == null ? null : expected.get(field.substring(table.length() + 2));
        assertThat(PointInTimeReference.same(want, actual)).as("row %d %s: want %s, got %s", index, field, want, actual)
            .isTrue();
      }
    }
    return expected != null;
  }

  private static Path dataFile(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
  }

  private final Map<String, FakeBronze> bronzes = new java.util.HashMap<>();

  /** Appends {@code batch} to the layout's Bronze (offsets continuing) and runs Silver and Gold in AUTO. */
  private FakeBronze runPipeline(TableLayout layout, Simulation batch, String run) {
    FakeBronze bronze = bronzes.computeIfAbsent(layout.namespace(), n -> new FakeBronze(spark, layout));
    bronze.append(batch.lastSendTime(), batch.values());
    runStages(layout, RequestedMode.AUTO, run);
    return bronze;
  }

  private static void runStages(TableLayout layout, RequestedMode mode, String run) {
    SilverStage.run(spark, layout, RunContext.of("it", run, new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, 1.0, null)),
        SilverStageTest.LENIENT);
    runGold(layout, mode, run);
  }

  private static void runGold(TableLayout layout, RequestedMode mode, String run) {
    GoldStage.run(spark, layout, RunContext.of("it", run, new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, 1.0, null)));
  }
}
