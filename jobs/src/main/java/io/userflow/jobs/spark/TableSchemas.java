package io.userflow.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.types.StructType;

/**
 * Keeps an existing table's columns in step with the layout this version writes: a column whose type Iceberg can
 * widen in place (e.g. a decimal's precision) is widened; any other difference stops the stage with what to do,
 * instead of letting Spark cast the new values into the old type on write.
 */
final class TableSchemas {
  private TableSchemas() {}

  static void align(Table table, StructType expected, String sparkName) {
    Schema want = SparkSchemaUtil.convert(expected);
    List<String> problems = new ArrayList<>();
    List<Types.NestedField> widen = new ArrayList<>();
    for (Types.NestedField field : want.columns()) {
      Types.NestedField have = table.schema().findField(field.name());
      if (have == null) {
        problems.add(field.name() + " is missing");
      } else if (!have.type().equals(field.type())) {
        if (have.type().isPrimitiveType() && TypeUtil.isPromotionAllowed(have.type(), field.type().asPrimitiveType())) {
          widen.add(field);
        } else {
          problems.add(field.name() + " is " + have.type() + ", not " + field.type());
        }
      }
    }
    for (Types.NestedField have : table.schema().columns()) {
      if (want.findField(have.name()) == null) {
        problems.add(have.name() + " is not a column of this version");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Table " + sparkName + " was written by another userflow version: "
          + String.join("; ", problems) + ". It is derived data: drop it (DROP TABLE " + sparkName
          + ") and rerun the stage, which then rebuilds it in full from its source.");
    }
    if (!widen.isEmpty()) {
      UpdateSchema update = table.updateSchema();
      for (Types.NestedField field : widen) {
        update.updateColumn(field.name(), (Type.PrimitiveType) field.type());
      }
      update.commit();
      table.refresh();
    }
  }

  /**
   * Sets a table's columns to {@code expected}, in its order: a column the new layout lacks is dropped, one Iceberg
   * cannot change to its new type in place is dropped and added again (its old values go; the caller rewrites every
   * row), a new one is added. The partition column must stay: a table cannot change its partitioning here.
   */
  static void redefine(Table table, StructType expected, String partitionColumn, String sparkName) {
    Schema want = SparkSchemaUtil.convert(expected);
    List<String> partitionedBy = table.spec().fields().stream()
        .map(f -> table.schema().findColumnName(f.sourceId())).toList();
    if (!partitionedBy.equals(List.of(partitionColumn))) {
      throw new IllegalStateException("Table " + sparkName + " is partitioned by " + partitionedBy + " and the new"
          + " definition by " + partitionColumn + ": a feature group cannot change its grain in place. Give the group"
          + " a new name, or drop the table (DROP TABLE " + sparkName + ") and rerun Gold, which then rebuilds it.");
    }
    UpdateSchema update = table.updateSchema();
    List<String> dropped = new ArrayList<>();
    for (Types.NestedField have : table.schema().columns()) {
      Types.NestedField field = want.findField(have.name());
      if (field == null || !have.type().equals(field.type()) && !(have.type().isPrimitiveType()
          && field.type().isPrimitiveType() && TypeUtil.isPromotionAllowed(have.type(), field.type().asPrimitiveType()))) {
        update.deleteColumn(have.name());
        dropped.add(have.name());
      }
    }
    for (Types.NestedField field : want.columns()) {
      Types.NestedField have = table.schema().findField(field.name());
      if (have == null || dropped.contains(field.name())) {
        update.addColumn(field.name(), field.type());
      } else if (!have.type().equals(field.type())) {
        update.updateColumn(field.name(), (Type.PrimitiveType) field.type());
      }
    }
    String previous = null;
    for (Types.NestedField field : want.columns()) {
      if (previous == null) {
        update.moveFirst(field.name());
      } else {
        update.moveAfter(field.name(), previous);
      }
      previous = field.name();
    }
    update.commit();
    table.refresh();
  }
}
