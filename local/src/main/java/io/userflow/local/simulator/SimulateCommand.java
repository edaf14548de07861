package io.userflow.local.simulator;

import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.SimulateResult;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.devkit.simulator.JsonLinesFile;
import io.userflow.devkit.simulator.Simulation;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code simulate}: generate events deterministically, send them to Kafka and/or write them as JSON lines. */
@Command(name = "simulate", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
    description = "Generate user events (deterministic from --seed) and send them to Kafka and/or write them as JSON lines.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers; leave out to only write --output")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = BackgroundBroker.DEFAULT_TOPIC, description = "Topic to send to")
  String topic;

  @Option(names = "--output", description = "Also write the record values to this JSON-lines file")
  Path output;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed")
  long seed;

  @Option(names = "--users", defaultValue = "100", description = "Number of users")
  int users;

  @Option(names = "--start", defaultValue = "2026-11-01T00:00:00Z", description = "First session start, UTC ISO-8601")
  String start;

  @Option(names = "--duration", defaultValue = "1d", description = "How long sessions keep starting: 3d, 12h, 1d12h, P2D")
  String duration;

  @Option(names = "--sessions-per-user-per-day", defaultValue = "2.0", description = "Mean sessions per user per day, ~9 events each")
  double sessionsPerUserPerDay;

  @Option(names = "--batch", paramLabel = "i/n", description = "Produce only arrival batch i of n (1-based, split by send time)")
  String batch;

  @Option(names = "--no-faults", description = "Clean v1 events only (fault rate options still apply on top)")
  boolean noFaults;

  @Option(names = "--duplicate-rate") Double duplicateRate;
  @Option(names = "--late-rate") Double lateRate;
  @Option(names = "--out-of-order-rate") Double outOfOrderRate;
  @Option(names = "--null-key-rate", description = "Missing/null event_id, user_id or event_time") Double nullKeyRate;
  @Option(names = "--wrong-type-rate") Double wrongTypeRate;
  @Option(names = "--malformed-rate") Double malformedRate;
  @Option(names = "--unknown-type-rate") Double unknownTypeRate;
  @Option(names = "--bad-time-rate") Double badTimeRate;
  @Option(names = "--purchase-without-price-rate", description = "Share of purchases without price") Double purchaseWithoutPriceRate;
  @Option(names = "--future-time-rate") Double futureTimeRate;
  @Option(names = "--v2-rate", description = "Share of clean events in schema version 2") Double v2Rate;

  @Override
  public Integer call() throws Exception {
    if (bootstrapServers == null && output == null) {
      throw new ParameterException(spec.commandLine(), "nothing to do: give --bootstrap-servers (and --topic), --output, or both");
    }
    long t0 = System.nanoTime();
    Simulation simulation = select(EventSimulator.generate(options()));
    if (output != null) {
      JsonLinesFile.write(output, simulation.values());
    }
    if (bootstrapServers != null) {
      try (KafkaEventSender sender = new KafkaEventSender(bootstrapServers)) {
        sender.send(topic, simulation.records());
      }
    }
    SimulateResult result = SimulateResult.of(simulation, bootstrapServers == null ? null : topic,
        output == null ? null : output.toString(), batch, (System.nanoTime() - t0) / 1_000_000);
    spec.commandLine().getOut().println(result.toJson());
    spec.commandLine().getOut().flush();
    return 0;
  }

  SimulationOptions options() {
    try {
      Instant from = Instant.parse(start);
      return new SimulationOptions(seed, users, from, SimulationOptions.parseDuration(duration),
          sessionsPerUserPerDay, faultRates());
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--start must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z, got: " + start);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private FaultRates faultRates() {
    FaultRates.Builder b = (noFaults ? FaultRates.none() : FaultRates.defaults()).toBuilder();
    if (duplicateRate != null) b.duplicate(duplicateRate);
    if (lateRate != null) b.late(lateRate);
    if (outOfOrderRate != null) b.outOfOrder(outOfOrderRate);
    if (nullKeyRate != null) b.nullKey(nullKeyRate);
    if (wrongTypeRate != null) b.wrongType(wrongTypeRate);
    if (malformedRate != null) b.malformed(malformedRate);
    if (unknownTypeRate != null) b.unknownType(unknownTypeRate);
    if (badTimeRate != null) b.badTime(badTimeRate);
    if (purchaseWithoutPriceRate != null) b.purchaseWithoutPrice(purchaseWithoutPriceRate);
    if (futureTimeRate != null) b.futureTime(futureTimeRate);
    if (v2Rate != null) b.schemaV2(v2Rate);
    return b.build();
  }

  private Simulation select(Simulation all) {
    if (batch == null) {
      return all;
    }
    String[] parts = batch.split("/", -1);
    try {
      int i = Integer.parseInt(parts[0].trim());
      int n = Integer.parseInt(parts[1].trim());
      if (parts.length == 2 && n >= 1 && i >= 1 && i <= n) {
        return all.arrivalBatches(n).get(i - 1);
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // fall through to the usage error
    }
    throw new ParameterException(spec.commandLine(), "--batch must be i/n with 1 <= i <= n, e.g. 2/3; got: " + batch);
  }
}
