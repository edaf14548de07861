package io.userflow.jobs.testing;

import static io.userflow.jobs.testing.FakeBronze.event;

import io.userflow.core.layout.TableLayout;
import java.time.Instant;
import java.util.List;

/**
 * Two arrival batches small enough to compute by hand: a duplicate inside a batch and across batches, malformed
 * and wrongly typed values, a late event that merges two of u1's sessions, and u2's session crossing midnight.
 */
public final class HandMadeStream {
  public static final Instant DAY1 = Instant.parse("2026-11-01T23:59:00Z");
  public static final Instant DAY2 = Instant.parse("2026-11-02T12:00:00Z");

  private HandMadeStream() {}

  public static void firstArrival(FakeBronze bronze) {
    bronze.append(DAY1, List.of(
        event("e1", "u1", "login", "2026-11-01T10:00:00.000Z"),
        event("e1", "u1", "login", "2026-11-01T10:00:00.000Z"),
        event("e2", "u1", "page_view", "2026-11-01T10:10:00.000Z"),
        event("e3", "u1", "purchase", "2026-11-01T11:00:00.000Z"),
        event("e4", "u2", "page_view", "2026-11-01T23:50:00.000Z"),
        "{\"event_id\":\"bad\",\"user_id\":",
        event("e5", "u3", "page_view", "2026-11-01T08:00:00.000Z")));
  }

  public static void secondArrival(FakeBronze bronze) {
    bronze.append(DAY2, List.of(
        event("e2", "u1", "page_view", "2026-11-01T10:10:00.000Z"),
        event("e6", "u1", "product_view", "2026-11-01T10:35:00.000Z"),
        event("e7", "u2", "page_view", "2026-11-02T00:10:00.000Z"),
        "{\"event_id\":\"e8\",\"user_id\":\"u2\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-02T00:20:00.000Z\",\"price\":\"abc\"}"));
  }

  /** A layout like the default one in another namespace, so one catalog holds several independent pipelines. */
  public static TableLayout layout(String namespace) {
    return TableLayout.defaults().inNamespace(namespace);
  }
}
