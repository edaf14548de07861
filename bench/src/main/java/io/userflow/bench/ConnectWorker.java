package io.userflow.bench;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import io.userflow.process.JavaCommand;
import io.userflow.process.LibClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A standalone Kafka Connect worker running Apache Iceberg's Kafka Connect sink, in a child JVM whose jars come from
 * the connect module's {@code target/lib} (kept off Spark's classpath, as the broker's are). It lands the raw value
 * of each record plus its topic, partition, offset and timestamp in an Iceberg table of the same JDBC catalog
 * Bronze writes to, exactly once through the sink's control topic.
 */
final class ConnectWorker implements AutoCloseable {
  /** System property naming the Connect worker's lib dir. */
  static final String LIB_PROPERTY = "userflow.connect.lib";
  static final String MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";
  private static final List<String> JVM_ARGS = List.of("-Xms512m", "-Xmx2g", "-Djava.awt.headless=true");

  private final ChildProcess process;

  private ConnectWorker(ChildProcess process) {
    this.process = process;
  }

  /**
   * What the worker is to do.
   *
   * @param bootstrapServers the broker
   * @param topic source topic
   * @param table Iceberg table {@code namespace.table}, created by the sink
   * @param catalog the catalog Bronze writes to (same name, so the same JDBC rows)
   * @param commitInterval the sink's {@code iceberg.control.commit.interval-ms}
   * @param tasks sink tasks (one per topic partition is the most that helps)
   */
  record Sink(String bootstrapServers, String topic, String table, CatalogSettings catalog, Duration commitInterval,
      int tasks) {}

  /** Worker properties for standalone mode: converters, offsets file, a REST listener on a free loopback port. */
  static Map<String, String> workerProperties(Sink sink, Path dir, int restPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", sink.bootstrapServers());
    p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("offset.storage.file.filename", dir.resolve("standalone.offsets").toAbsolutePath().toString());
    p.put("listeners", "http://127.0.0.1:" + restPort);
    p.put("rest.advertised.host.name", "127.0.0.1");
    // the connector is on the worker's class path; no plugin.path to scan
    p.put("plugin.discovery", "only_scan");
    return p;
  }

  /**
   * The sink connector: StringConverter keeps the value as received, HoistField wraps it in a struct and InsertField
   * adds where it came from; the sink creates the table from that struct's schema.
   */
  static Map<String, String> connectorProperties(Sink sink) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", "userflow-bench-iceberg-sink");
    p.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    p.put("tasks.max", Integer.toString(sink.tasks()));
    p.put("topics", sink.topic());
    p.put("transforms", "hoist,source");
    p.put("transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value");
    p.put("transforms.hoist.field", "raw_value");
    p.put("transforms.source.type", "org.apache.kafka.connect.transforms.InsertField$Value");
    p.put("transforms.source.topic.field", "kafka_topic");
    p.put("transforms.source.partition.field", "kafka_partition");
    p.put("transforms.source.offset.field", "kafka_offset");
    p.put("transforms.source.timestamp.field", "kafka_timestamp");
    p.put("iceberg.tables", sink.table());
    p.put("iceberg.tables.auto-create-enabled", "true");
    p.put("iceberg.tables.auto-create-props.format-version", "2");
    p.put("iceberg.control.topic", "control-iceberg-" + sink.topic());
    p.put("iceberg.control.commit.interval-ms", Long.toString(sink.commitInterval().toMillis()));
    p.put("iceberg.kafka.bootstrap.servers", sink.bootstrapServers());
    p.put("iceberg.catalog", sink.catalog().name());
    sink.catalog().catalogProperties().forEach((k, v) -> p.put("iceberg.catalog." + k, v));
    return p;
  }

  /** Writes the two property files and starts ConnectStandalone; returns once the process runs (not yet consuming). */
  static ConnectWorker start(Sink sink, Path dir) {
    Path libDir = ChildProcesses.libDir(LIB_PROPERTY, "services/connect");
    ChildProcesses.requireLib(libDir, "iceberg-kafka-connect-", "Kafka Connect and Iceberg sink", "services/connect", LIB_PROPERTY);
    try {
      Files.createDirectories(dir);
      Path worker = dir.resolve("worker.properties");
      Path connector = dir.resolve("iceberg-sink.properties");
      Path log4j = dir.resolve("log4j2.properties");
      Files.writeString(worker, properties(workerProperties(sink, dir, ChildProcesses.freePort())));
      Files.writeString(connector, properties(connectorProperties(sink)));
      Files.writeString(log4j, String.join("\n", "status = warn", "appender.out.type = Console",
          "appender.out.name = OUT", "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c)%n", "rootLogger.level = INFO",
          "rootLogger.appenderRef.out.ref = OUT", ""));
      List<String> jvm = new java.util.ArrayList<>(JVM_ARGS);
      jvm.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
      return new ConnectWorker(ChildProcess.start("Kafka Connect worker", new ProcessBuilder(new JavaCommand(jvm,
          LibClasspath.of(libDir), MAIN, List.of(worker.toString(), connector.toString())).command()),
          dir.resolve("connect.log")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka Connect worker in " + dir, e);
    }
  }

  /** Fails with the log's tail if the worker has exited or the deadline has passed. */
  void checkRunning(long deadlineNanos) {
    process.checkRunning(deadlineNanos);
  }

  Path log() {
    return process.log();
  }

  private static String properties(Map<String, String> p) {
    return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Override
  public void close() {
    process.close();
  }
}
