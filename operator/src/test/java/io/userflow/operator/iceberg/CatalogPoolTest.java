package io.userflow.operator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.iceberg.RestCatalogSettings;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogPoolTest {
  @TempDir Path dir;

  /** Catalogs that remember being closed. */
  static final class Counted extends InMemoryCatalog {
    boolean closed;

    @Override
    public void close() throws java.io.IOException {
      closed = true;
      super.close();
    }
  }

  private final List<Counted> opened = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

  private CatalogPool pool() {
    return new CatalogPool(settings -> {
      Counted c = new Counted();
      c.initialize(settings.name(), Map.of());
      opened.add(c);
      return c;
    }, Duration.ofSeconds(1), Duration.ofSeconds(1), nanos::get);
  }

  private CatalogSettings jdbc(String password, String secretKey) {
    return new CatalogSettings("userflow", "jdbc:postgresql://db:5432/iceberg", "s3a://warehouse/userflow", "iceberg",
        password, new ObjectStorage("http://s3:9000", "us-east-1", true, "key", secretKey));
  }

  @Test
  void aRotatedSecretReplacesTheCatalogInsteadOfOpeningASecondOne() {
    try (CatalogPool pool = pool()) {
      Catalog first = pool.get(jdbc("p1", "s1"));
      assertThat(pool.get(jdbc("p1", "s1"))).isSameAs(first);
      Catalog rotated = pool.get(jdbc("p2", "s1"));
      assertThat(rotated).isNotSameAs(first);
      assertThat(opened.get(0).closed).as("the catalog of the old password is closed").isTrue();
      pool.get(jdbc("p2", "s2"));
      assertThat(opened.get(1).closed).as("and of the old storage key").isTrue();
      assertThat(pool.size()).isEqualTo(1);
      // another catalog is another entry; an evicted one is closed
      CatalogSettings other = new CatalogSettings("userflow", "jdbc:postgresql://db2:5432/iceberg", "s3a://w/u",
          "iceberg", "p");
      pool.get(other);
      assertThat(pool.size()).isEqualTo(2);
      pool.evict(other);
      assertThat(opened.get(3).closed).isTrue();
      assertThat(pool.size()).isEqualTo(1);
    }
    assertThat(opened).allMatch(c -> c.closed);
  }

  @Test
  void aCatalogNobodyAsksForIsClosed() {
    try (CatalogPool pool = pool()) {
      pool.get(jdbc("p", "s"));
      nanos.addAndGet(CatalogPool.IDLE.minusSeconds(1).toNanos());
      pool.get(jdbc("p", "s"));
      nanos.addAndGet(CatalogPool.IDLE.minusSeconds(1).toNanos());
      assertThat(pool.size()).as("asked for within the idle time: kept").isEqualTo(1);
      nanos.addAndGet(Duration.ofSeconds(2).toNanos());
      assertThat(pool.size()).as("a pipeline deleted or pointed elsewhere").isZero();
      assertThat(opened.get(0).closed).isTrue();
    }
  }

  @Test
  void everyClientGetsConnectAndReadTimeouts() {
    CatalogPool pool = new CatalogPool();
    assertThat(pool.timeouts(jdbc("p", "s"))).containsEntry("jdbc.connectTimeout", "10")
        .containsEntry("jdbc.socketTimeout", "60").containsEntry("rest.client.socket-timeout-ms", "60000")
        .containsEntry("http-client.urlconnection.connection-timeout-ms", "10000")
        .containsEntry("http-client.urlconnection.socket-timeout-ms", "60000");
    CatalogSettings sqlite = new CatalogSettings("userflow", "jdbc:sqlite:" + dir.resolve("c.db"), dir.toString(),
        null, null);
    assertThat(pool.timeouts(sqlite)).doesNotContainKey("jdbc.socketTimeout");
  }

  @Test
  void aCatalogThatAcceptsButNeverAnswersFailsWithinTheReadTimeout() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accepted, never answered
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      CatalogSettings rest = CatalogSettings.rest("userflow", "http://127.0.0.1:" + silent.getLocalPort(),
          "s3a://warehouse/userflow", RestCatalogSettings.anonymous(), null);
      long t0 = System.nanoTime();
      try (CatalogPool pool = new CatalogPool(null, Duration.ofSeconds(1), Duration.ofSeconds(1), nanos::get)) {
        assertThatThrownBy(() -> pool.get(rest)).isInstanceOf(RuntimeException.class);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
