package io.userflow.controlplane;

import io.userflow.core.layout.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Our Spark jobs in the spark image's pods. The jars are the jobs jar and what docker/spark-jobs.Dockerfile adds to
 * apache/spark that a run on a SQLite catalog needs (our core, Iceberg's Spark runtime, SQLite JDBC, picocli, and
 * Bronze's Kafka source: Spark's connector, its token provider, the Kafka client and commons-pool2), plus
 * the jobs' tests jar for {@link #SEED_CLASS}; they are copied from this test's class path (the pom's test
 * dependencies, built in the same reactor) into one folder the pods mount read-only at {@link #LIB_MOUNT}. The
 * catalog (an SQLite file) and the warehouse live in a folder the pods mount read-write at the same path as on the
 * host, so the metadata's absolute file paths hold in every pod and here.
 */
final class SparkJobs {
  static final String LIB_MOUNT = "/opt/userflow-jobs";
  /** Writes Bronze rows with the jobs' tests' FakeBronze, as the Bronze stage would; compiled here. */
  static final String SEED_CLASS = "UserflowBronzeSeed";
  private static final List<String> JARS = List.of("userflow-jobs-", "userflow-core-", "iceberg-spark-runtime-",
      "sqlite-jdbc-", "picocli-", "spark-sql-kafka-0-10_", "spark-token-provider-kafka-0-10_", "kafka-clients-",
      "commons-pool2-");

  private static final String SEED_SOURCE = """
      import io.userflow.core.iceberg.CatalogSettings;
      import io.userflow.core.layout.TableLayout;
      import io.userflow.jobs.spark.Sessions;
      import io.userflow.jobs.testing.FakeBronze;
      import java.nio.file.Path;
      import java.time.Instant;
      import java.util.ArrayList;
      import java.util.List;
      import org.apache.spark.sql.SparkSession;

      public class UserflowBronzeSeed {
        public static void main(String[] args) {
          Path root = Path.of(args[0]);
          int events = Integer.parseInt(args[1]);
          int users = Integer.parseInt(args[2]);
          TableLayout layout = TableLayout.defaults();
          SparkSession spark = Sessions.create("userflow-bronze-seed", CatalogSettings.local(layout.catalog(), root),
              null);
          List<String> raw = new ArrayList<>();
          for (int i = 0; i < events; i++) {
            raw.add(FakeBronze.event("e-" + i, "u-" + (i % users), i % 3 == 0 ? "page_view" : "product_view",
                String.format("2026-12-07T10:%02d:%02dZ", i / 60 % 60, i % 60)));
          }
          new FakeBronze(spark, layout).append(Instant.parse("2026-12-07T11:00:00Z"), raw);
          System.out.println("userflow-bronze-seed: " + events + " rows");
          spark.stop();
        }
      }
      """;

  private SparkJobs() {}

  /** The jars into {@code dir/lib} and the seed's jar beside them; returns {@code dir/lib}. */
  static Path lib(Path sparkHome, Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (name.endsWith(".jar") && JARS.stream().anyMatch(name::startsWith)) {
        jars.add(Files.copy(p, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING));
      }
    }
    if (jars.size() != JARS.size() + 1) {
      // in a reactor run that stops before package (mvn test), the jobs and core are target/classes folders
      throw new IllegalStateException("want the jars " + JARS + " and the jobs' tests jar on the class path (mvn "
          + "-pl process,controlplane -am verify: the same reactor, through the package phase), have " + jars);
    }
    List<String> classpath = new ArrayList<>(jars.stream().map(Path::toString).toList());
    try (var spark = Files.list(sparkHome.resolve("jars"))) {
      spark.map(Path::toString).filter(j -> j.endsWith(".jar")).sorted().forEach(classpath::add);
    }
    jars.add(SparkCountApp.compile(SEED_CLASS, SEED_SOURCE, String.join(java.io.File.pathSeparator, classpath),
        dir.resolve("seed"), lib.resolve("seed.jar")));
    Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path jar : jars) {
      Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return lib;
  }

  /** The jobs jar's file name in {@code lib} (the applications' main file). */
  static String jobsJar(Path lib) throws IOException {
    try (var files = Files.list(lib)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("userflow-jobs-") && !n.endsWith("-tests.jar")).findFirst().orElseThrow();
    }
  }

  /**
   * The current snapshot's {@code total-records} of a table of the default layout, read here from the SQLite
   * catalog (its metadata location) and the metadata file the pods wrote; -1 if the table has no snapshot.
   */
  static long rows(Path data, String table) throws Exception {
    Snapshot current = metadata(data, table).currentSnapshot();
    return current == null ? -1 : Long.parseLong(current.summary().get("total-records"));
  }

  /** As {@link #rows}, -1 also while there is no catalog or no such table yet (a stream still starting). */
  static long rowsIfAny(Path data, String table) throws Exception {
    if (!Files.exists(data.resolve("catalog.db"))) {
      return -1;
    }
    try {
      return rows(data, table);
    } catch (IllegalStateException | java.sql.SQLException e) {
      return -1;
    }
  }

  /** A table's current metadata, from the catalog's metadata location and the file the pods wrote. */
  static TableMetadata metadata(Path data, String table) throws Exception {
    TableLayout layout = TableLayout.defaults();
    String location;
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("catalog.db"));
        var q = c.prepareStatement("select metadata_location from iceberg_tables where catalog_name = ? and "
            + "table_namespace = ? and table_name = ?")) {
      q.setString(1, layout.catalog());
      q.setString(2, layout.namespace());
      q.setString(3, table);
      try (var r = q.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no table " + table + " in the catalog under " + data);
        }
        location = r.getString(1);
      }
    }
    return TableMetadataParser.fromJson(location,
        Files.readString(Path.of(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location))));
  }

  /**
   * The values of {@code columns} in every row of a table's current snapshot, read here with Iceberg's generic
   * reader from the manifests and data files the pods wrote, through {@link LocalFiles} (no Hadoop on this class
   * path, and none needed).
   */
  static List<List<Object>> read(Path data, String table, String... columns) throws Exception {
    TableMetadata metadata = metadata(data, table);
    Table t = new BaseTable(new StaticTableOperations(metadata.metadataFileLocation(), new LocalFiles()), table);
    List<List<Object>> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(t).select(columns).build()) {
      for (Record r : records) {
        List<Object> row = new ArrayList<>();
        for (String column : columns) {
          row.add(r.getField(column));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Iceberg's FileIO on this machine's files, read only: what the host needs to read the tables the pods wrote. */
  private static final class LocalFiles implements FileIO {
    @Override
    public InputFile newInputFile(String path) {
      return org.apache.iceberg.Files.localInput(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path);
    }

    @Override
    public OutputFile newOutputFile(String path) {
      throw new UnsupportedOperationException("the host only reads the tables: " + path);
    }

    @Override
    public void deleteFile(String path) {
      throw new UnsupportedOperationException("the host only reads the tables: " + path);
    }
  }
}
