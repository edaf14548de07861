package io.userflow.devkit.simulator;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many records of each {@link FaultKind} a simulation produced; every kind is present, zeros included.
 *
 * @param counts records per kind
 */
public record FaultCounts(Map<FaultKind, Long> counts) {

  public FaultCounts {
    EnumMap<FaultKind, Long> all = new EnumMap<>(FaultKind.class);
    for (FaultKind k : FaultKind.values()) {
      all.put(k, counts == null ? 0L : counts.getOrDefault(k, 0L));
    }
    counts = Collections.unmodifiableMap(all);
  }

  public static FaultCounts of(Collection<SimulatedRecord> records) {
    EnumMap<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
    for (SimulatedRecord r : records) {
      counts.merge(r.fault(), 1L, Long::sum);
    }
    return new FaultCounts(counts);
  }

  public long get(FaultKind kind) {
    return counts.get(kind);
  }

  /** Records Silver should accept as events: valid kinds, duplicates excluded. */
  public long acceptedEvents() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().valid() && e.getKey() != FaultKind.DUPLICATE)
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Records Silver should reject (every kind that breaks the contract). */
  public long rejected() {
    return counts.entrySet().stream().filter(e -> e.getKey().rejected()).mapToLong(Map.Entry::getValue).sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
