package io.userflow.devkit.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker per test JVM, started on first use and stopped (and its data deleted) by a shutdown hook.
 * Test classes share it and each uses its own topic names. Besides PLAINTEXT it has SASL_PLAINTEXT and SASL_SSL
 * listeners with the PLAIN user below; SCRAM users are added by the tests that need them.
 */
public final class SharedBroker {
  /** The PLAIN user of the SASL listeners. */
  public static final String PLAIN_USER = "plain-reader";
  public static final String PLAIN_PASSWORD = "plain-reader-password";
  private static LocalBroker broker;

  private SharedBroker() {}

  public static synchronized LocalBroker get() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("userflow-broker-");
        broker = LocalBroker.startWithSasl(dir, java.util.Map.of(PLAIN_USER, PLAIN_PASSWORD));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          broker.close();
          deleteTree(dir);
        }, "shared-broker-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temp dir
    }
  }
}
