package io.userflow.devkit.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records in send order (by {@link SimulatedRecord#sendTime()}) and what was injected into them.
 *
 * @param options the options that produced the whole simulation (a batch keeps its parent's)
 * @param records records in send order
 * @param faults per-kind counts over {@code records}
 */
public record Simulation(SimulationOptions options, List<SimulatedRecord> records, FaultCounts faults) {

  public Simulation {
    Objects.requireNonNull(options, "options");
    records = List.copyOf(records);
    Objects.requireNonNull(faults, "faults");
  }

  static Simulation of(SimulationOptions options, List<SimulatedRecord> records) {
    return new Simulation(options, records, FaultCounts.of(records));
  }

  /**
   * Splits the records into {@code count} arrival batches by send time: equal windows over
   * [start, start + duration); records sent before the start go to the first batch, those sent at or after
   * the end (late events, sessions running past the end) to the last. Late events and delayed duplicates
   * therefore arrive in a later batch than the events around them.
   */
  public List<Simulation> arrivalBatches(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("batch count must be at least 1, got " + count);
    }
    Duration window = options.duration().dividedBy(count);
    List<Simulation> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant from = i == 0 ? Instant.MIN : options.start().plus(window.multipliedBy(i));
      Instant to = i == count - 1 ? Instant.MAX : options.start().plus(window.multipliedBy(i + 1));
      out.add(arrivingBetween(from, to));
    }
    return out;
  }

  /** The records with {@code from <= sendTime < toExclusive}, in send order. */
  public Simulation arrivingBetween(Instant from, Instant toExclusive) {
    List<SimulatedRecord> part = new ArrayList<>();
    for (SimulatedRecord r : records) {
      if (!r.sendTime().isBefore(from) && r.sendTime().isBefore(toExclusive)) {
        part.add(r);
      }
    }
    return of(options, part);
  }

  /** The record values in send order, as sent to Kafka and written to JSON lines. */
  public List<String> values() {
    return records.stream().map(SimulatedRecord::value).toList();
  }

  public int size() {
    return records.size();
  }

  public long sessions() {
    return records.stream().map(SimulatedRecord::session).distinct().count();
  }

  public long users() {
    return records.stream().map(r -> r.session().substring(0, r.session().indexOf("-s"))).distinct().count();
  }

  /** Send time of the first record, null when empty. */
  public Instant firstSendTime() {
    return records.isEmpty() ? null : records.get(0).sendTime();
  }

  /** Send time of the last record, null when empty. */
  public Instant lastSendTime() {
    return records.isEmpty() ? null : records.get(records.size() - 1).sendTime();
  }
}
