package io.userflow.core.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.planner.SnapshotFact;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point-in-time references and pending snapshots on a real Iceberg table (SQLite JDBC catalog, Parquet). */
class SnapshotAsOfTest {
  @TempDir Path dir;

  @Test
  void resolvesIdsAndTimesAndNamesTheEarliestSnapshotWhenOutOfRange() throws Exception {
    Table t = LocalTables.create(LocalTables.catalog(dir), "user_daily_features");
    long first = LocalTables.append(t, 0, 3);
    Thread.sleep(5);
    long second = LocalTables.append(t, 3, 2);
    long firstAt = t.snapshot(first).timestampMillis();
    long secondAt = t.snapshot(second).timestampMillis();

    assertThat(SnapshotAsOf.resolve(t, Long.toString(first))).isEqualTo(first);
    assertThat(SnapshotAsOf.resolve(t, Instant.ofEpochMilli(firstAt).toString())).isEqualTo(first);
    assertThat(SnapshotAsOf.resolve(t, Instant.ofEpochMilli(secondAt - 1).toString())).isEqualTo(first);
    assertThat(SnapshotAsOf.resolve(t, Instant.ofEpochMilli(secondAt).toString())).isEqualTo(second);
    assertThat(SnapshotAsOf.parseTime("2026-11-05 10:00:00")).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
    assertThat(SnapshotAsOf.parseTime("2026-11-05T12:00:00+02:00")).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
    assertThat(SnapshotAsOf.parseTime("2026-11-05")).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));

    String earliest = "its earliest snapshot is " + first + " committed " + Instant.ofEpochMilli(firstAt);
    assertThatThrownBy(() -> SnapshotAsOf.resolve(t, Instant.ofEpochMilli(firstAt - 1).toString()))
        .hasMessageContaining("has no snapshot at or before " + Instant.ofEpochMilli(firstAt - 1)).hasMessageContaining(earliest)
        .hasMessageContaining("the current one is " + second);
    assertThatThrownBy(() -> SnapshotAsOf.resolve(t, "12345")).hasMessageContaining("has no snapshot 12345")
        .hasMessageContaining(earliest);
    assertThatThrownBy(() -> SnapshotAsOf.resolve(t, "last tuesday")).hasMessageContaining("neither a snapshot id nor a time");

    var history = TableLineage.history(t);
    assertThat(history.after(first)).extracting(SnapshotFact::snapshotId).containsExactly(second);
    assertThat(history.after(second)).isEmpty();
    assertThat(history.after(null)).extracting(SnapshotFact::snapshotId).containsExactly(second, first);
    assertThat(history.after(999L)).hasSize(2);
  }
}
