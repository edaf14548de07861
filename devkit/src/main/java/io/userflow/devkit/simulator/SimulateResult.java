package io.userflow.devkit.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What {@code simulate} produced; printed as one JSON object.
 *
 * @param topic topic written, null when nothing was sent
 * @param output JSON-lines file written, null when none
 * @param batch arrival batch {@code i/n}, null for the whole simulation
 * @param records records produced (sent and/or written)
 * @param users users with at least one record
 * @param sessions true sessions with at least one record
 * @param firstSendTime send time of the first record (ISO-8601), null when empty
 * @param lastSendTime send time of the last record (ISO-8601), null when empty
 * @param faults records per {@link FaultKind}
 * @param acceptedEvents records Silver should accept (valid, duplicates excluded)
 * @param rejected records Silver should reject
 * @param elapsedMillis wall time of generation and I/O
 */
public record SimulateResult(
    String topic,
    String output,
    String batch,
    long records,
    long users,
    long sessions,
    String firstSendTime,
    String lastSendTime,
    Map<FaultKind, Long> faults,
    long acceptedEvents,
    long rejected,
    long elapsedMillis) {

  public static SimulateResult of(Simulation s, String topic, String output, String batch, long elapsedMillis) {
    return new SimulateResult(topic, output, batch, s.size(), s.users(), s.sessions(),
        s.firstSendTime() == null ? null : s.firstSendTime().toString(),
        s.lastSendTime() == null ? null : s.lastSendTime().toString(),
        s.faults().counts(), s.faults().acceptedEvents(), s.faults().rejected(), elapsedMillis);
  }

  public String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
