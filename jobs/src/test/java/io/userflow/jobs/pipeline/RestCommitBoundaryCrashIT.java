package io.userflow.jobs.pipeline;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.Sessions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;

/**
 * The crash-point sweep on an Iceberg REST catalog (LocalRestCatalog, OAuth2; the killed job's JVM signs in with the
 * credential from its environment, as a pod does): Silver killed before and after it publishes, Gold between its two
 * publishes. The rerun repairs as on JDBC; a commit the server refuses comes back as HTTP 409.
 */
class RestCommitBoundaryCrashIT extends CommitBoundaryCrashSweep {
  private LocalRestCatalog server;
  private CatalogSettings settings;

  @Override
  SparkSession session() {
    server = LocalRestCatalog.start(dir.resolve("rest"));
    settings = server.settings(TableLayout.DEFAULT_CATALOG);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    return Sessions.create("crash-rest", settings, "local[2]");
  }

  @Override
  List<String> catalogOptions() {
    return List.of(JobOptions.CATALOG_TYPE, "rest", JobOptions.CATALOG_URI, server.uri(), JobOptions.WAREHOUSE,
        server.warehouse());
  }

  @Override
  Map<String, String> catalogEnvironment() {
    return Map.of(JobOptions.CATALOG_CREDENTIAL_ENV, settings.rest().credential());
  }

  @Override
  Stream<CommitBoundary> boundaries() {
    return Stream.of(CommitBoundary.SILVER_CANDIDATE_WRITTEN, CommitBoundary.SILVER_PUBLISHED,
        CommitBoundary.GOLD_DAILY_WRITTEN);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
