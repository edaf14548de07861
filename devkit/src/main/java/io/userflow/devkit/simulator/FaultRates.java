package io.userflow.devkit.simulator;

/**
 * Probabilities of each injected fault. {@code duplicate} applies to every valid record (a second copy is
 * added), {@code purchaseWithoutPrice} to purchases only; all others are per event and exclusive, so their
 * sum must not exceed 1. {@code nullKey} is split evenly between event_id, user_id and event_time.
 */
public record FaultRates(
    double duplicate,
    double late,
    double outOfOrder,
    double nullKey,
    double wrongType,
    double malformed,
    double unknownType,
    double badTime,
    double purchaseWithoutPrice,
    double futureTime,
    double schemaV2) {

  public FaultRates {
    double[] all = {duplicate, late, outOfOrder, nullKey, wrongType, malformed, unknownType, badTime,
        purchaseWithoutPrice, futureTime, schemaV2};
    String[] names = {"duplicate", "late", "outOfOrder", "nullKey", "wrongType", "malformed", "unknownType",
        "badTime", "purchaseWithoutPrice", "futureTime", "schemaV2"};
    for (int i = 0; i < all.length; i++) {
      if (!(all[i] >= 0 && all[i] <= 1)) {
        throw new IllegalArgumentException(names[i] + " rate must be in [0, 1], got " + all[i]);
      }
    }
    double exclusive = late + outOfOrder + nullKey + wrongType + malformed + unknownType + badTime + futureTime + schemaV2;
    if (exclusive > 1 + 1e-9) {
      throw new IllegalArgumentException("per-event fault rates (all but duplicate and purchase-without-price) add up to "
          + exclusive + ", more than 1");
    }
  }

  /** No faults: every record is a clean v1 event. */
  public static FaultRates none() {
    return new FaultRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** A little of everything, as a real feed might have: about 5% broken records, 20% schema v2. */
  public static FaultRates defaults() {
    return new FaultRates(0.02, 0.02, 0.02, 0.006, 0.005, 0.005, 0.005, 0.005, 0.05, 0.005, 0.2);
  }

  public static Builder builder() {
    return new Builder(none());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Fluent copy-and-change, for options parsing and tests. */
  public static final class Builder {
    private double duplicate;
    private double late;
    private double outOfOrder;
    private double nullKey;
    private double wrongType;
    private double malformed;
    private double unknownType;
    private double badTime;
    private double purchaseWithoutPrice;
    private double futureTime;
    private double schemaV2;

    private Builder(FaultRates r) {
      duplicate = r.duplicate;
      late = r.late;
      outOfOrder = r.outOfOrder;
      nullKey = r.nullKey;
      wrongType = r.wrongType;
      malformed = r.malformed;
      unknownType = r.unknownType;
      badTime = r.badTime;
      purchaseWithoutPrice = r.purchaseWithoutPrice;
      futureTime = r.futureTime;
      schemaV2 = r.schemaV2;
    }

    public Builder duplicate(double v) { duplicate = v; return this; }
    public Builder late(double v) { late = v; return this; }
    public Builder outOfOrder(double v) { outOfOrder = v; return this; }
    public Builder nullKey(double v) { nullKey = v; return this; }
    public Builder wrongType(double v) { wrongType = v; return this; }
    public Builder malformed(double v) { malformed = v; return this; }
    public Builder unknownType(double v) { unknownType = v; return this; }
    public Builder badTime(double v) { badTime = v; return this; }
    public Builder purchaseWithoutPrice(double v) { purchaseWithoutPrice = v; return this; }
    public Builder futureTime(double v) { futureTime = v; return this; }
    public Builder schemaV2(double v) { schemaV2 = v; return this; }

    public FaultRates build() {
      return new FaultRates(duplicate, late, outOfOrder, nullKey, wrongType, malformed, unknownType, badTime,
          purchaseWithoutPrice, futureTime, schemaV2);
    }
  }
}
