package io.userflow.devkit.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One Kafka record as the simulator intends to send it.
 *
 * @param key Kafka key (the user id as UTF-8), null when the event has no user_id
 * @param value the record value: one JSON object, possibly broken on purpose
 * @param sendTime intended send time; also the Kafka record timestamp
 * @param fault what was done to the record ({@link FaultKind#NONE} for a clean one)
 * @param session the true session the event belongs to ({@code u000042-s3}), for checking sessionization
 */
public record SimulatedRecord(String key, String value, Instant sendTime, FaultKind fault, String session) {

  public SimulatedRecord {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(sendTime, "sendTime");
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(session, "session");
  }

  /** The same record re-sent at another time, labelled {@link FaultKind#DUPLICATE}. */
  SimulatedRecord resentAt(Instant at) {
    return new SimulatedRecord(key, value, at, FaultKind.DUPLICATE, session);
  }
}
