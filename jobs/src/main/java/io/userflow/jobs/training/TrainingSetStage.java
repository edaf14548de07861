package io.userflow.jobs.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.training.FeatureRef;
import io.userflow.core.training.KnownAtTimeline;
import io.userflow.jobs.spark.Cached;
import io.userflow.jobs.spark.Phases;
import io.userflow.jobs.training.FeatureTables.FeatureTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a training set: entity rows → for each feature table, the point-in-time join (event time, or also as known
 * at each label's time) → the entity rows with one column per feature, in input order, written as one file.
 */
public final class TrainingSetStage {
  private TrainingSetStage() {}

  /** @param tablePrefix {@code catalog.namespace.}, prepended to each feature table's name */
  public static TrainingSetResult run(SparkSession spark, String tablePrefix, TrainingSetRequest request) {
    refuseExisting(spark, request.out());
    String format = format(request.out());
    List<FeatureTable> tables = new ArrayList<>();
    FeatureRef.byTable(request.features()).forEach((name, features) ->
        tables.add(FeatureTables.open(spark, tablePrefix + name, name, request.keyColumn(), features)));
    try (Phases phases = new Phases("training-set", spark); Cached cached = new Cached()) {
      Dataset<Row> entities = cached.keep(EntityRows.read(spark, request.entities(), request.keyColumn(), request.timeColumn()));
      Row range = entities.agg(count(lit(1)), min(EntityRows.TIME), max(EntityRows.TIME), max(EntityRows.DAY)).first();
      long rowsIn = range.getLong(0);
      Instant first = range.isNullAt(1) ? null : ((Timestamp) range.get(1)).toInstant();
      Instant last = range.isNullAt(2) ? null : ((Timestamp) range.get(2)).toInstant();
      LocalDate lastDay = range.isNullAt(3) ? LocalDate.EPOCH : ((java.sql.Date) range.get(3)).toLocalDate();
      phases.end(rowsIn + " entity rows read");
      Dataset<Row> labels = entities.select(EntityRows.ROW, EntityRows.KEY, EntityRows.TIME, EntityRows.DAY);
      Dataset<Row> result = entities;
      Map<String, List<Long>> snapshots = new LinkedHashMap<>();
      for (FeatureTable t : tables) {
        Dataset<Row> joined;
        if (request.asKnownAt()) {
          Long cap = request.pinned().get(t.name());
          KnownAtTimeline timeline = cap == null ? KnownAtTimeline.of(t.table()) : KnownAtTimeline.of(t.table()).upTo(cap);
          Dataset<Row> tagged = cached.keep(labels.withColumn(PointInTimeJoin.SNAPSHOT,
              first == null ? lit(null).cast("long") : FeatureTables.snapshotAtLabel(timeline, first)));
          List<Long> ids = tagged.select(PointInTimeJoin.SNAPSHOT).distinct().filter(col(PointInTimeJoin.SNAPSHOT).isNotNull())
              .collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
          snapshots.put(t.name(), ids);
          joined = PointInTimeJoin.join(tagged, FeatureTables.atEach(spark, t, ids, lastDay), t.name(), t.kind(),
              request.keyColumn(), t.features(), true);
        } else {
          Long id = FeatureTables.eventTimeSnapshot(t, request.pinned().get(t.name()));
          snapshots.put(t.name(), id == null ? List.of() : List.of(id));
          joined = PointInTimeJoin.join(labels, FeatureTables.at(spark, t, id, lastDay), t.name(), t.kind(),
              request.keyColumn(), t.features(), false);
        }
        result = result.join(joined, EntityRows.ROW, "left");
        phases.end(t.name() + " at " + (snapshots.get(t.name()).size() == 1 ? "snapshot " + snapshots.get(t.name()).get(0)
            : snapshots.get(t.name()).size() + " snapshots"));
      }
      String[] internal = Arrays.stream(result.columns()).filter(c -> c.startsWith(EntityRows.PREFIX)).toArray(String[]::new);
      Dataset<Row> ordered = cached.keep(result.repartition(1).sortWithinPartitions(EntityRows.ROW).drop(internal));
      write(ordered, format, request.out());
      phases.end("written");
      List<String> featureColumns = new ArrayList<>();
      tables.forEach(t -> t.features().forEach(f -> featureColumns.add(FeatureRef.column(t.name(), f))));
      List<Column> aggregates = new ArrayList<>(List.of(count(lit(1))));
      featureColumns.forEach(c -> aggregates.add(sum(when(col(c).isNull(), 1L).otherwise(0L))));
      Row counts = ordered.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
      Map<String, Long> nulls = new LinkedHashMap<>();
      for (int i = 0; i < featureColumns.size(); i++) {
        nulls.put(featureColumns.get(i), counts.isNullAt(i + 1) ? 0L : counts.getLong(i + 1));
      }
      phases.print(request.mode() + ", " + counts.getLong(0) + " rows to " + request.out());
      return new TrainingSetResult(request.mode(), request.entities(), request.out(), rowsIn, counts.getLong(0), first,
          last, nulls, snapshots);
    }
  }

  /** Local or on object storage (s3a://): an existing output is never overwritten or mixed into. */
  private static void refuseExisting(SparkSession spark, String out) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
    boolean exists;
    try {
      exists = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot tell whether --out " + out + " exists: " + e.getMessage(), e);
    }
    if (exists) {
      throw new IllegalArgumentException("--out " + out + " exists; remove it or name another path");
    }
  }

  private static String format(String out) {
    String o = out.toLowerCase(Locale.ROOT);
    for (String f : new String[] {"parquet", "csv", "jsonl"}) {
      if (o.endsWith("." + f)) {
        return f;
      }
    }
    throw new IllegalArgumentException("--out " + out + ": the name must end in .parquet, .csv or .jsonl, which says"
        + " how to write it");
  }

  private static void write(Dataset<Row> rows, String format, String out) {
    var writer = rows.write();
    switch (format) {
      case "parquet" -> writer.parquet(out);
      case "csv" -> writer.option("header", "true").csv(out);
      default -> writer.json(out);
    }
  }
}
