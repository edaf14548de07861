package io.userflow.devkit.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A clean event before faults and JSON: the truth the simulator knows. Optional fields are null when absent.
 *
 * @param session the true session id, never sent
 */
record SimEvent(
    String eventId,
    String userId,
    EventType type,
    Instant eventTime,
    String session,
    String sessionHint,
    String page,
    String productId,
    BigDecimal price,
    Integer quantity,
    String device) {}
