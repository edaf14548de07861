package io.userflow.jobs.bronze;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The end offsets of a micro-batch as Spark planned it: the checkpoint's {@code offsets/<batchId>}, which Spark writes
 * before it runs the batch and reads again to replay it after a crash. Bronze puts these ends in the batch's lineage
 * instead of aggregating them from the rows, which would cost a second pass over the batch (or caching all of it).
 */
final class BatchOffsets {
  /** The offset log's version line; Spark writes {@code v1} and reads it back. */
  static final String VERSION = "v1";

  private BatchOffsets() {}

  /** Reads batch {@code batchId}'s ends from the offset log under {@code checkpoint} (a path or URI Hadoop can open). */
  static KafkaOffsets read(SparkSession spark, String checkpoint, long batchId) {
    Path file = new Path(new Path(checkpoint, "offsets"), Long.toString(batchId));
    try {
      FileSystem fs = file.getFileSystem(spark.sessionState().newHadoopConf());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        return parse(in.lines().toList(), file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the offsets Spark logged for batch " + batchId + " in " + file, e);
    }
  }

  /**
   * The Kafka source's offsets from an offset log file: the version line, the batch metadata, then one line per
   * source (Bronze has one, the Kafka topic).
   */
  static KafkaOffsets parse(List<String> lines, String where) {
    if (lines.size() != 3 || !lines.get(0).equals(VERSION)) {
      throw new IllegalStateException(where + " is not a " + VERSION + " offset log entry of one source: " + lines);
    }
    KafkaOffsets offsets = KafkaOffsets.fromSparkJson(lines.get(2));
    if (offsets.byTopic().isEmpty()) {
      throw new IllegalStateException(where + " holds no Kafka offsets: " + lines.get(2));
    }
    return offsets;
  }
}
