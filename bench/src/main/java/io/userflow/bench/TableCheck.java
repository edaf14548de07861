package io.userflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a sink's table holds exactly the topic's records: per partition as many rows as the log has offsets, each
 * offset once, none outside the log. A sink that loses or repeats records fails here, however fast it was.
 */
final class TableCheck {
  private TableCheck() {}

  /**
   * What one partition of the table holds.
   *
   * @param rows rows
   * @param distinctOffsets distinct offsets among them
   * @param minOffset smallest offset
   * @param maxOffset largest offset
   */
  record PartitionRows(long rows, long distinctOffsets, long minOffset, long maxOffset) {}

  /**
   * The problems found, empty if the table holds offsets 0 to end-1 of every partition exactly once (a topic written
   * once by a plain producer, so no offset is a transaction marker).
   *
   * @param endOffsets the topic's log end offsets by partition
   * @param table what the table holds by partition
   */
  static List<String> problems(Map<Integer, Long> endOffsets, Map<Integer, PartitionRows> table) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : new TreeMap<>(endOffsets).entrySet()) {
      long end = e.getValue();
      PartitionRows r = table.get(e.getKey());
      if (r == null) {
        if (end > 0) {
          problems.add("partition " + e.getKey() + ": no rows, " + end + " in the topic");
        }
        continue;
      }
      if (r.rows() != r.distinctOffsets()) {
        problems.add("partition " + e.getKey() + ": " + (r.rows() - r.distinctOffsets()) + " repeated offsets");
      }
      if (r.distinctOffsets() != end) {
        problems.add("partition " + e.getKey() + ": " + r.distinctOffsets() + " distinct offsets, " + end + " in the topic");
      }
      if (r.minOffset() < 0 || r.maxOffset() >= end) {
        problems.add("partition " + e.getKey() + ": offsets " + r.minOffset() + ".." + r.maxOffset() + " outside 0.." + (end - 1));
      }
    }
    for (Integer p : table.keySet()) {
      if (!endOffsets.containsKey(p)) {
        problems.add("partition " + p + ": " + table.get(p).rows() + " rows, not a partition of the topic");
      }
    }
    return problems;
  }

  /** Reads the per-partition figures of {@code table} (Spark name) with {@code kafka_partition} and {@code kafka_offset}. */
  static Map<Integer, PartitionRows> read(SparkSession spark, String table, String partitionColumn, String offsetColumn) {
    Map<Integer, PartitionRows> m = new TreeMap<>();
    for (Row r : spark.sql("SELECT " + partitionColumn + ", count(*), count(DISTINCT " + offsetColumn + "), min("
        + offsetColumn + "), max(" + offsetColumn + ") FROM " + table + " GROUP BY " + partitionColumn).collectAsList()) {
      m.put(r.getInt(0), new PartitionRows(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
    }
    return m;
  }
}
