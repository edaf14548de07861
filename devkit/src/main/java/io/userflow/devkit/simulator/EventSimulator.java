package io.userflow.devkit.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates user-behaviour events with injected faults. Pure and deterministic: the same options give
 * byte-identical records. Sessions and faults draw from separate random streams per user, so changing a
 * fault rate leaves the underlying sessions unchanged.
 */
public final class EventSimulator {
  private EventSimulator() {}

  public static Simulation generate(SimulationOptions options) {
    SplittableRandom root = new SplittableRandom(options.seed());
    SessionGenerator sessions = new SessionGenerator(options);
    FaultInjector injector = new FaultInjector(options.faults());
    List<SimulatedRecord> records = new ArrayList<>();
    for (int u = 0; u < options.users(); u++) {
      SplittableRandom sessionRandom = root.split();
      SplittableRandom faultRandom = root.split();
      for (List<SimEvent> session : sessions.sessionsOf(u, sessionRandom)) {
        records.addAll(injector.inject(session, faultRandom));
      }
    }
    // stable sort: equal send times keep generation order, which is itself deterministic
    records.sort(Comparator.comparing(SimulatedRecord::sendTime));
    return Simulation.of(options, records);
  }
}
