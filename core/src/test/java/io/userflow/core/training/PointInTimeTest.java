package io.userflow.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.training.PointInTime.TableKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointInTimeTest {
  @Test
  void aDayIsUsableFromItsEndInUtc() {
    assertThat(PointInTime.lastUsableDay(Instant.parse("2026-11-05T10:00:00Z"))).isEqualTo(LocalDate.parse("2026-11-04"));
    // midnight: the day that just ended is complete
    assertThat(PointInTime.lastUsableDay(Instant.parse("2026-11-05T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-11-04"));
    assertThat(PointInTime.lastUsableDay(Instant.parse("2026-11-04T23:59:59.999999Z"))).isEqualTo(LocalDate.parse("2026-11-03"));
    // 01:00 at +02:00 is 23:00 UTC of the day before
    assertThat(PointInTime.lastUsableDay(java.time.OffsetDateTime.parse("2026-11-05T01:00:00+02:00").toInstant()))
        .isEqualTo(LocalDate.parse("2026-11-03"));
  }

  @Test
  void aTableIsATileOrAWindowByItsDateColumn() {
    assertThat(TableKind.ofColumns("d", List.of("user_id", "feature_date", "event_count"))).isEqualTo(TableKind.DAILY_TILE);
    assertThat(TableKind.ofColumns("r", List.of("user_id", "as_of_date", "event_count"))).isEqualTo(TableKind.WINDOW);
    assertThatThrownBy(() -> TableKind.ofColumns("silver_events", List.of("user_id", "event_date")))
        .hasMessageContaining("silver_events has neither a feature_date nor an as_of_date column");
  }

  @Test
  void featureReferencesNameATableAndAFeature() {
    assertThat(FeatureRef.parse(" user_daily_features.revenue ")).isEqualTo(new FeatureRef("user_daily_features", "revenue"));
    assertThat(FeatureRef.parse("t.*").isAll()).isTrue();
    assertThat(FeatureRef.column("t", "f")).isEqualTo("t__f");
    for (String bad : List.of("revenue", ".x", "t.", "a.b.c", "T.x", "t.x-y")) {
      assertThatThrownBy(() -> FeatureRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(FeatureRef.byTable(List.of(FeatureRef.parse("a.x"), FeatureRef.parse("b.y"), FeatureRef.parse("a.z"),
        FeatureRef.parse("a.x")))).containsExactly(java.util.Map.entry("a", List.of("x", "z")), java.util.Map.entry("b", List.of("y")));
  }

  @Test
  void theSnapshotCurrentAtATimeIsTheLastOneMadeCurrentBeforeIt() {
    KnownAtTimeline t = new KnownAtTimeline("t", List.of(new KnownAtTimeline.Entry(1000, 11),
        new KnownAtTimeline.Entry(2000, 12), new KnownAtTimeline.Entry(3000, 13)), true);
    assertThat(t.snapshotAt(Instant.ofEpochMilli(999))).isEmpty();
    assertThat(t.snapshotAt(Instant.ofEpochMilli(1000))).hasValue(11);
    assertThat(t.snapshotAt(Instant.ofEpochMilli(2999))).hasValue(12);
    assertThat(t.snapshotAt(Instant.ofEpochMilli(9999))).hasValue(13);
    // capped at a recorded snapshot, later labels see it, not what came after
    assertThat(t.upTo(12).snapshotAt(Instant.ofEpochMilli(9999))).hasValue(12);
    assertThat(t.upTo(12).snapshotAt(Instant.ofEpochMilli(1500))).hasValue(11);
    assertThatThrownBy(() -> t.upTo(99)).hasMessageContaining("table t has no snapshot 99")
        .hasMessageContaining("the newest is 13");
  }

  @Test
  void aTimeBeforeAnExpiredHistoryIsRefusedNamingTheOldestUsableTime() {
    KnownAtTimeline t = new KnownAtTimeline("db.t", List.of(new KnownAtTimeline.Entry(5000, 21)), false);
    assertThat(t.snapshotAt(Instant.ofEpochMilli(5000))).hasValue(21);
    assertThatThrownBy(() -> t.snapshotAt(Instant.ofEpochMilli(4999)))
        .hasMessageContaining("table db.t no longer holds what it held at 1970-01-01T00:00:04.999Z")
        .hasMessageContaining("the oldest time a training set can be known at is 1970-01-01T00:00:05Z");
  }
}
