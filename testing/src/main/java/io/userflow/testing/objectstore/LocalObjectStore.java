package io.userflow.testing.objectstore;

import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import io.userflow.process.JavaCommand;
import io.userflow.process.LibClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API on 127.0.0.1, or on another address of this host ({@link #startOn}), (S3Proxy in a child JVM), the S3 server of the kind stack, in tests. Objects are kept in the
 * child's memory by jclouds' transient store, which has S3's semantics for s3a's directory markers ({@code dir/}
 * objects; a HEAD of {@code dir} is 404); S3Proxy's file-backed stores of this version answer that HEAD with a file, which breaks
 * Spark's checkpoint writes (filesystem-nio2 keeps them apart from 3.2.0 on, the kind stack's image). Requests are signed with the keys below. The jars come from the objectstore module's
 * {@code target/lib} and stay out of this JVM; this JVM sets the store up and inspects it with the AWS SDK's
 * {@link S3Client}, path-style on {@link #storage()}'s settings.
 */
public final class LocalObjectStore implements AutoCloseable {
  /** System property naming the S3Proxy lib dir (the test plugins set it). */
  public static final String LIB_PROPERTY = "userflow.objectstore.lib";
  public static final String ACCESS_KEY_ID = "userflow-local";
  public static final String SECRET_ACCESS_KEY = "userflow-local-secret";
  public static final String REGION = "us-east-1";
  private static final long START_TIMEOUT_NANOS = 60_000_000_000L;
  /** S3Proxy logs every request at DEBUG without a configuration; warnings are enough here. */
  private static final String LOGBACK = """
      <configuration>
        <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <root level="WARN"><appender-ref ref="out"/></root>
      </configuration>
      """;

  private final String host;
  private final int port;
  private final ChildProcess process;
  private final S3Client client;

  private LocalObjectStore(String host, int port, ChildProcess process) {
    this.host = host;
    this.port = port;
    this.process = process.stopOnExit();
    this.client = client(storage());
  }

  /** Starts the store in a new {@code dataDir} with the given buckets, jars from {@code services/objectstore/target/lib}. */
  public static LocalObjectStore start(Path dataDir, String... buckets) {
    return start(dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/objectstore"), buckets);
  }

  public static LocalObjectStore start(Path dataDir, Path libDir, String... buckets) {
    return start("127.0.0.1", dataDir, libDir, buckets);
  }

  /**
   * As {@link #start(Path, String...)}, listening on {@code host} instead of 127.0.0.1: an address of this host that
   * clients which cannot reach 127.0.0.1 use, such as pods on a node's bridge address.
   */
  public static LocalObjectStore startOn(String host, Path dataDir, String... buckets) {
    return start(host, dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/objectstore"), buckets);
  }

  private static LocalObjectStore start(String host, Path dataDir, Path libDir, String... buckets) {
    ChildProcesses.requireLib(libDir, "s3proxy-", "S3Proxy", "services/objectstore", LIB_PROPERTY);
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      int port = ChildProcesses.freePort();
      Path conf = dataDir.resolve("s3proxy.properties");
      Files.writeString(conf, String.join("\n",
          "s3proxy.endpoint=http://" + host + ":" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY_ID,
          "s3proxy.credential=" + SECRET_ACCESS_KEY,
          "jclouds.provider=transient", ""));
      Path logback = dataDir.resolve("logback.xml");
      Files.writeString(logback, LOGBACK);
      List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Dlogback.configurationFile=" + logback.toAbsolutePath()));
      ChildProcess process = ChildProcess.start("S3Proxy", new ProcessBuilder(new JavaCommand(jvm,
          LibClasspath.of(libDir), "org.gaul.s3proxy.Main", List.of("--properties", conf.toString())).command()),
          dataDir.resolve("s3proxy.log"));
      try {
        process.awaitPort(host, port, t0 + START_TIMEOUT_NANOS);
      } catch (RuntimeException | InterruptedException e) {
        process.close();
        throw e;
      }
      LocalObjectStore store = new LocalObjectStore(host, port, process);
      try {
        for (String bucket : buckets) {
          store.client.createBucket(b -> b.bucket(bucket));
        }
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      System.err.printf("object store (S3Proxy) ready on %s in %.1f s, buckets %s%n", store.endpoint(),
          (System.nanoTime() - t0) / 1e9, List.of(buckets));
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local object store in " + dataDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local object store", e);
    }
  }

  /** The S3 endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  /** Settings for clients of this store: its endpoint, path-style access, its keys. */
  public ObjectStorage storage() {
    return new ObjectStorage(endpoint(), REGION, true, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
  }

  /** Keys of the objects in a bucket under a prefix ("" for all), read through the S3 API, every page. */
  public List<String> keys(String bucket, String prefix) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  /** An SDK client on these settings; the JDK's HTTP client, as the operator's S3FileIO uses. */
  private static S3Client client(ObjectStorage storage) {
    return S3Client.builder()
        .endpointOverride(URI.create(storage.endpoint()))
        .region(Region.of(storage.region()))
        .forcePathStyle(storage.pathStyleAccess())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(storage.accessKeyId(), storage.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    client.close();
    process.close();
  }
}
