package io.userflow.jobs.silver;

import io.userflow.core.events.DeclaredField;
import io.userflow.core.events.EventDeclaration;
import io.userflow.jobs.spark.IcebergTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Silver's columns for declared event fields, after its own: what a declaration adds to a live table, planned purely
 * ({@link #evolve}) and applied in place ({@link #ensure}). A new field is a new column (earlier rows null, no
 * rewrite); a field no longer declared keeps its column and values and is no longer filled; a declared field whose
 * column has another type gets a new column of its type under the same name (Iceberg drops the old one by id).
 */
public final class EventColumns {
  private EventColumns() {}

  /** The Silver table and its columns after Silver's own, in table order: declared fields and kept ones. */
  public record SilverTable(Table table, StructType extras) {}

  /**
   * How the table's extra columns change for a declaration.
   *
   * @param replaced columns dropped and added again with the declared type
   * @param added columns added at the end: new fields, then the replaced ones, in declaration order
   * @param extras the extra columns afterwards, in table order
   */
  public record Evolution(List<String> replaced, StructType added, StructType extras) {
    public boolean changes() {
      return !added.isEmpty();
    }
  }

  /** The Spark column of a declared field. */
  public static StructField column(DeclaredField f) {
    DataType type = switch (f.type()) {
      case STRING -> DataTypes.StringType;
      case INTEGER -> DataTypes.LongType;
      case DECIMAL -> DataTypes.createDecimalType(DeclaredField.DECIMAL_PRECISION, f.scale());
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
    return new StructField(f.name(), type, true, Metadata.empty());
  }

  /** The declared fields' columns, in declaration order. */
  public static StructType columns(EventDeclaration events) {
    return new StructType(events.fields().stream().map(EventColumns::column).toArray(StructField[]::new));
  }

  /** What {@code events} changes in a table whose columns after Silver's own are {@code tableExtras}. Pure. */
  public static Evolution evolve(StructType tableExtras, EventDeclaration events) {
    Map<String, StructField> declared = new LinkedHashMap<>();
    for (StructField f : columns(events).fields()) {
      declared.put(f.name(), f);
    }
    List<String> replaced = new ArrayList<>();
    List<StructField> kept = new ArrayList<>();
    for (StructField have : tableExtras.fields()) {
      StructField want = declared.get(have.name());
      if (want != null && !want.dataType().equals(have.dataType())) {
        replaced.add(have.name());
      } else {
        kept.add(have);
      }
    }
    List<StructField> added = declared.values().stream()
        .filter(f -> replaced.contains(f.name()) || !tableExtras.getFieldIndex(f.name()).isDefined()).toList();
    List<StructField> after = new ArrayList<>(kept);
    after.addAll(added);
    return new Evolution(List.copyOf(replaced), new StructType(added.toArray(StructField[]::new)),
        new StructType(after.toArray(StructField[]::new)));
  }

  /**
   * Creates the Silver table with the declared fields' columns, or evolves the existing one to them in one schema
   * commit (none when nothing changes, as for today's contract). Idempotent: after a crash the next run finds the
   * columns in place and changes nothing.
   */
  public static SilverTable ensure(SparkSession spark, String silverName, EventDeclaration events) {
    if (!IcebergTables.exists(spark, silverName)) {
      StructType extras = columns(events);
      return new SilverTable(IcebergTables.ensure(spark, silverName, SilverSchema.events(extras), "event_date",
          SilverStage.STAGE), extras);
    }
    Table table = IcebergTables.load(spark, silverName, "");
    Evolution evolution = evolve(SilverSchema.extras(SparkSchemaUtil.convert(table.schema())), events);
    if (evolution.changes()) {
      Schema added = SparkSchemaUtil.convert(evolution.added());
      UpdateSchema update = table.updateSchema();
      evolution.replaced().forEach(update::deleteColumn);
      for (Types.NestedField f : added.columns()) {
        update.addColumn(f.name(), f.type());
      }
      update.commit();
      table.refresh();
    }
    return new SilverTable(IcebergTables.ensure(spark, silverName, SilverSchema.events(evolution.extras()),
        "event_date", SilverStage.STAGE), evolution.extras());
  }
}
