package io.userflow.operator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.planner.SourceHistory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's own class path can open a catalog over an s3a:// warehouse (S3FileIO and the SDK parts it loads). */
class IcebergTableMetadataServiceTest {
  @TempDir Path dir;

  @Test
  void anS3WarehouseOpensWithS3FileIoAndAMissingTableHasNoHistory() throws Exception {
    // nothing listens on the endpoint: only the catalog database is read for a table that does not exist
    CatalogSettings settings = new CatalogSettings("userflow", "jdbc:sqlite:" + dir.resolve("catalog.db"),
        "s3a://warehouse/userflow", null, null, new ObjectStorage("http://127.0.0.1:9", "us-east-1", true, "k", "s"));
    IcebergTableMetadataService service = new IcebergTableMetadataService();
    try {
      SourceHistory history = service.history(settings, "events", "bronze_events");
      assertThat(history.table()).isEqualTo("events.bronze_events");
      assertThat(history.currentSnapshotId()).isNull();
      assertThat(history.snapshots()).isEmpty();
    } finally {
      service.close();
    }
  }
}
