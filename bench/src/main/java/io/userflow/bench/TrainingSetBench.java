package io.userflow.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.training.FeatureRef;
import io.userflow.jobs.gold.GoldSchema;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.gold.GoldTransforms;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.training.TrainingSetRequest;
import io.userflow.jobs.training.TrainingSetResult;
import io.userflow.jobs.training.TrainingSetStage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A training set of many entity rows against Gold tables of a month of ~50k events a day: wall time, rows/s and
 * peak memory of {@link TrainingSetStage#run}. The Gold tables are written in Gold's schema ({@link GoldSchema})
 * from synthetic per-user-day aggregates (not from simulated events through Silver and Gold), one commit per day
 * in each table; the rolling table comes from those daily rows through Gold's own {@link GoldTransforms#rolling}.
 */
public final class TrainingSetBench {
  static final String NAMESPACE = "bench_ts";

  private TrainingSetBench() {}

  /**
   * @param entityRows entity rows (labels) in the training set
   * @param days days of feature history, ending yesterday (UTC)
   * @param users distinct users; each is active on a day with probability {@code activeShare}
   * @param eventsPerDay the events a day's aggregates stand for (mean events per active user-day is chosen to match)
   * @param modes {@code event-time} and/or {@code as-known-at}
   */
  public record Options(long entityRows, int days, int users, long eventsPerDay, List<String> modes) {}

  /** One training-set run's figures. */
  public record Figure(String mode, long rows, double seconds, long peakHeapBytes, long peakRssBytes,
      long heapMaxBytes, TrainingSetResult result) {
    public double rowsPerSecond() {
      return rows / seconds;
    }
  }

  /** What was built to run against. */
  public record Setup(long dailyRows, long rollingRows, long events, int commits, double seconds) {}

  public static List<String> run(SparkSession spark, Path workDir, Options options, Progress progress) throws IOException {
    List<String> report = new ArrayList<>();
    Setup setup = buildGold(spark, options, progress);
    report.add(String.format("training  gold: %d days, %,d users, %,d events (%,d/day) as %,d daily and %,d rolling rows,"
        + " %d commits per table, built in %.1f s", options.days(), options.users(), setup.events(),
        setup.events() / options.days(), setup.dailyRows(), setup.rollingRows(), setup.commits(), setup.seconds()));
    List<String> features = List.of(TableLayout.DEFAULT_GOLD_ROLLING + ".purchase_count",
        TableLayout.DEFAULT_GOLD_ROLLING + ".event_count", TableLayout.DEFAULT_GOLD_DAILY + ".*");
    for (String mode : options.modes()) {
      boolean knownAt = mode.equals("as-known-at");
      Path entities = workDir.resolve("entities-" + mode + ".parquet");
      writeEntities(spark, entities, options, knownAt, progress);
      Figure f = measure(spark, entities, workDir.resolve("training-" + mode + ".parquet"), features, knownAt, progress);
      report.add(String.format("training  %-11s %,d entity rows x %d features: %.1f s wall, %,.0f rows/s;  peak heap %,d MB"
          + " (of -Xmx %,d MB), peak RSS %,d MB;  nulls %s;  snapshots read %s", mode, f.rows(),
          f.result().nulls().size(), f.seconds(), f.rowsPerSecond(), f.peakHeapBytes() >> 20, f.heapMaxBytes() >> 20,
          f.peakRssBytes() >> 20, nullShares(f.result()), snapshotCounts(f.result())));
    }
    return report;
  }

  /**
   * Daily rows for {@code days} days ending yesterday: user u is active on day d when a hash of (u, d) says so,
   * with aggregates drawn from further hashes of (u, d), consistent with each other (counts add up to
   * event_count, converted = purchase_count > 0, last_event_time after first_event_time).
   */
  static Setup buildGold(SparkSession spark, Options o, Progress progress) {
    long start = System.nanoTime();
    String daily = TableLayout.DEFAULT_CATALOG + "." + NAMESPACE + "." + TableLayout.DEFAULT_GOLD_DAILY;
    String rolling = TableLayout.DEFAULT_CATALOG + "." + NAMESPACE + "." + TableLayout.DEFAULT_GOLD_ROLLING;
    IcebergTables.ensure(spark, daily, GoldSchema.DAILY, "feature_date", GoldStage.STAGE_DAILY);
    IcebergTables.ensure(spark, rolling, GoldSchema.ROLLING, "as_of_date", GoldStage.STAGE_ROLLING);
    LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate first = last.minusDays(o.days() - 1);
    // 4,200 active users a day at 12,000 users: ~12 events each for 50k a day
    double activeShare = 0.35;
    long perUser = Math.max(1, Math.round(o.eventsPerDay() / (o.users() * activeShare)));
    Dataset<Row> days = spark.range(o.days()).select(expr("date_add(DATE'" + first + "', CAST(id AS INT))").as("feature_date"));
    Dataset<Row> all = spark.range(o.users()).select(expr("format_string('u%06d', id)").as("user_id"))
        .crossJoin(days)
        .withColumn("h", expr("abs(xxhash64(user_id, feature_date))"))
        .filter(expr("pmod(h, 1000) < " + Math.round(activeShare * 1000)))
        .withColumn("event_count", expr("1 + pmod(xxhash64(h, 1), " + (2 * perUser - 1) + ")"))
        .withColumn("purchase_count", expr("CASE WHEN event_count >= 4 AND pmod(xxhash64(h, 2), 10) = 0 THEN 1L ELSE 0L END"))
        .withColumn("add_to_cart_count", expr("CASE WHEN event_count >= 4 THEN pmod(xxhash64(h, 3), 3) ELSE 0L END"))
        .withColumn("product_view_count", expr("CAST(floor((event_count - purchase_count - add_to_cart_count) * 0.4) AS BIGINT)"))
        .withColumn("page_view_count", expr("event_count - purchase_count - add_to_cart_count - product_view_count"))
        .withColumn("session_count", expr("least(event_count, 1 + pmod(xxhash64(h, 4), 3))"))
        .withColumn("revenue", expr("CAST(purchase_count * pmod(xxhash64(h, 5), 20000) / 100 AS DECIMAL(38, 4))"))
        .withColumn("avg_session_seconds", expr("CAST(pmod(xxhash64(h, 6), 1800) AS DOUBLE)"))
        .withColumn("distinct_products_viewed", expr("least(product_view_count, 1 + pmod(xxhash64(h, 7), 5))"))
        .withColumn("first_event_time", expr("timestamp_seconds(unix_date(feature_date) * 86400L + pmod(xxhash64(h, 8), 43200))"))
        .withColumn("last_event_time", expr("first_event_time + make_interval(0, 0, 0, 0, 0, CAST(event_count AS INT), 0)"))
        .withColumn("converted", expr("purchase_count > 0"))
        .selectExpr(GoldSchema.DAILY.fieldNames())
        .cache();
    Dataset<Row> allRolling = GoldTransforms.rolling(all, null).cache();
    long dailyRows = all.count();
    long rollingRows = allRolling.count();
    long events = all.agg(sum("event_count")).first().getLong(0);
    progress.say(String.format("training: %,d daily and %,d rolling rows (%,d events); committing one day at a time",
        dailyRows, rollingRows, events));
    // one commit per day in each table, as a daily Gold run would leave them: the snapshot log as-known-at reads
    for (int i = 0; i < o.days(); i++) {
      Date day = Date.valueOf(first.plusDays(i));
      append(all.filter(col("feature_date").equalTo(day)), daily);
      Dataset<Row> r = i == o.days() - 1 ? allRolling.filter(col("as_of_date").geq(day))
          : allRolling.filter(col("as_of_date").equalTo(day));
      append(r, rolling);
    }
    all.unpersist();
    allRolling.unpersist();
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.say(String.format("training: gold built in %.1f s", seconds));
    return new Setup(dailyRows, rollingRows, events, o.days(), seconds);
  }

  private static void append(Dataset<Row> rows, String table) {
    try {
      rows.writeTo(table).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code entityRows} labels: 95% users of the tables, 5% users it has never seen, label times as ISO-8601 text
   * with an offset (a third of them +02:00). Event time: spread over the history's days and two days after it.
   * As known at: spread between the first Gold commit and now, so each label sees the snapshot current then.
   */
  static void writeEntities(SparkSession spark, Path out, Options o, boolean knownAt, Progress progress) {
    long from;
    long to;
    if (knownAt) {
      var history = spark.sql("SELECT min(committed_at), max(committed_at) FROM " + TableLayout.DEFAULT_CATALOG + "."
          + NAMESPACE + "." + TableLayout.DEFAULT_GOLD_DAILY + ".snapshots").first();
      from = history.getTimestamp(0).getTime() / 1000;
      to = Instant.now().getEpochSecond();
    } else {
      from = LocalDate.now(ZoneOffset.UTC).minusDays(o.days()).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      to = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
    long span = Math.max(1, to - from);
    spark.range(o.entityRows())
        .withColumn("h", expr("abs(xxhash64(id, 99))"))
        .withColumn("user_id", expr("CASE WHEN pmod(h, 20) = 0 THEN format_string('x%06d', pmod(h, " + o.users() + "))"
            + " ELSE format_string('u%06d', pmod(h, " + o.users() + ")) END"))
        .withColumn("t", expr("timestamp_seconds(" + from + "L + pmod(xxhash64(id, 7), " + span + "L))"))
        .withColumn("timestamp", expr("CASE WHEN pmod(id, 3) = 0"
            + " THEN date_format(from_utc_timestamp(t, '+02:00'), \"yyyy-MM-dd'T'HH:mm:ss'+02:00'\")"
            + " ELSE date_format(t, \"yyyy-MM-dd'T'HH:mm:ss'Z'\") END"))
        .withColumn("label", expr("CAST(pmod(h, 2) AS INT)"))
        .select(col("user_id"), col("timestamp"), col("label"))
        .coalesce(1).write().parquet(out.toString());
    progress.say(String.format("training: %,d entity rows written to %s", o.entityRows(), out));
  }

  static Figure measure(SparkSession spark, Path entities, Path out, List<String> features, boolean knownAt,
      Progress progress) throws IOException {
    MemoryPeaks peaks = MemoryPeaks.start("training");
    long start = System.nanoTime();
    TrainingSetResult result = TrainingSetStage.run(spark, TableLayout.DEFAULT_CATALOG + "." + NAMESPACE + ".",
        new TrainingSetRequest(entities.toString(), "user_id", "timestamp",
            features.stream().map(FeatureRef::parse).toList(), out.toString(), knownAt, Map.of()));
    double seconds = (System.nanoTime() - start) / 1e9;
    long peakHeap = peaks.heapBytes();
    long peakRss = peaks.rssBytes();
    progress.say(String.format("training: %s done in %.1f s", result.mode(), seconds));
    return new Figure(result.mode(), result.rowsOut(), seconds, peakHeap, peakRss, Runtime.getRuntime().maxMemory(), result);
  }

  private static String nullShares(TrainingSetResult r) {
    String daily = FeatureRef.column(TableLayout.DEFAULT_GOLD_DAILY, "event_count");
    String rolling = FeatureRef.column(TableLayout.DEFAULT_GOLD_ROLLING, "purchase_count");
    return String.format("%s %.1f%%, %s %.1f%%", daily, 100.0 * r.nulls().get(daily) / r.rowsOut(), rolling,
        100.0 * r.nulls().get(rolling) / r.rowsOut());
  }

  private static String snapshotCounts(TrainingSetResult r) {
    List<String> out = new ArrayList<>();
    r.snapshots().forEach((table, ids) -> out.add(table + " " + ids.size()));
    return String.join(", ", out);
  }
}
