package io.userflow.devkit.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns one clean session into Kafka records: picks at most one fault per event, sets the send time
 * (normally 50 ms to 1.5 s after the event), renders the JSON and adds duplicates of valid records.
 */
final class FaultInjector {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private final FaultRates rates;

  FaultInjector(FaultRates rates) {
    this.rates = rates;
  }

  List<SimulatedRecord> inject(List<SimEvent> session, SplittableRandom rnd) {
    int n = session.size();
    FaultKind[] faults = new FaultKind[n];
    for (int i = 0; i < n; i++) {
      faults[i] = draw(session.get(i).type(), i < n - 1, rnd);
    }
    // out of order only next to a clean successor, so the swap is visible in the accepted events
    for (int i = 0; i < n - 1; i++) {
      if (faults[i] == FaultKind.OUT_OF_ORDER && faults[i + 1] != FaultKind.NONE && faults[i + 1] != FaultKind.SCHEMA_V2) {
        faults[i] = FaultKind.NONE;
      }
    }
    // backwards, so an out-of-order event can be placed after its successor's final send time
    long[] send = new long[n];
    for (int i = n - 1; i >= 0; i--) {
      long eventTime = session.get(i).eventTime().toEpochMilli();
      send[i] = switch (faults[i]) {
        case LATE -> eventTime + lateDelay(rnd);
        case OUT_OF_ORDER -> Math.max(send[i + 1], eventTime) + 500 + rnd.nextInt(2500);
        default -> eventTime + 50 + rnd.nextInt(1450);
      };
    }
    List<SimulatedRecord> out = new ArrayList<>(n + 2);
    for (int i = 0; i < n; i++) {
      SimEvent e = session.get(i);
      Instant at = Instant.ofEpochMilli(send[i]);
      String value = EventJson.render(e, faults[i], at, rnd);
      String key = faults[i] == FaultKind.MISSING_USER_ID ? null : e.userId();
      SimulatedRecord record = new SimulatedRecord(key, value, at, faults[i], e.session());
      out.add(record);
      if (record.fault().valid() && rnd.nextDouble() < rates.duplicate()) {
        // half are retries within half a second, half are re-sends minutes later
        long delay = rnd.nextBoolean() ? rnd.nextInt(500) : 60_000 + rnd.nextInt(14 * 60_000);
        out.add(record.resentAt(at.plusMillis(delay)));
      }
    }
    return out;
  }

  /** One hour to half a day, or one to three days. */
  private static long lateDelay(SplittableRandom rnd) {
    return rnd.nextBoolean()
        ? HOUR_MS + (long) (rnd.nextDouble() * 11 * HOUR_MS)
        : DAY_MS + (long) (rnd.nextDouble() * 2 * DAY_MS);
  }

  private FaultKind draw(EventType type, boolean hasSuccessor, SplittableRandom rnd) {
    if (type == EventType.PURCHASE && rnd.nextDouble() < rates.purchaseWithoutPrice()) {
      return FaultKind.PURCHASE_WITHOUT_PRICE;
    }
    double u = rnd.nextDouble();
    double c = rates.nullKey();
    if (u < c) {
      FaultKind[] missing = {FaultKind.MISSING_EVENT_ID, FaultKind.MISSING_USER_ID, FaultKind.MISSING_EVENT_TIME};
      return missing[rnd.nextInt(missing.length)];
    }
    if (u < (c += rates.wrongType())) {
      return FaultKind.WRONG_TYPE;
    }
    if (u < (c += rates.malformed())) {
      return FaultKind.MALFORMED_JSON;
    }
    if (u < (c += rates.unknownType())) {
      return FaultKind.UNKNOWN_EVENT_TYPE;
    }
    if (u < (c += rates.badTime())) {
      return FaultKind.BAD_EVENT_TIME;
    }
    if (u < (c += rates.futureTime())) {
      return FaultKind.FUTURE_EVENT_TIME;
    }
    if (u < (c += rates.late())) {
      return FaultKind.LATE;
    }
    if (u < (c += rates.outOfOrder())) {
      return hasSuccessor ? FaultKind.OUT_OF_ORDER : FaultKind.NONE;
    }
    if (u < c + rates.schemaV2()) {
      return FaultKind.SCHEMA_V2;
    }
    return FaultKind.NONE;
  }
}
