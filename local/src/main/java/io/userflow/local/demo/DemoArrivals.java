package io.userflow.local.demo;

import io.userflow.devkit.simulator.JsonLinesFile;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The demo's arrival batches: each is sent to Kafka, then Bronze, Silver and Gold run once. */
final class DemoArrivals {
  private DemoArrivals() {}

  /**
   * One arrival batch.
   *
   * @param label what the progress line calls it
   * @param size records in it
   * @param sender sends them to a topic
   */
  record Arrival(String label, int size, BiConsumer<KafkaEventSender, String> sender) {
    void send(KafkaEventSender kafka, String topic) {
      sender.accept(kafka, topic);
    }
  }

  /**
   * The simulation in {@code batches} arrival batches: the first brings all days but the last {@code batches - 1};
   * each later batch brings one more day, plus whatever was sent late. So later runs are small next to the history,
   * as in production.
   */
  static List<Arrival> simulated(Simulation sim, Instant start, int days, int batches) {
    List<Arrival> out = new ArrayList<>();
    int firstDays = days - (batches - 1);
    out.add(of(sim.arrivingBetween(Instant.MIN, start.plus(Duration.ofDays(firstDays))), "simulated day 1.." + firstDays));
    for (int b = 1; b < batches; b++) {
      Instant from = start.plus(Duration.ofDays(firstDays + b - 1L));
      Instant to = b == batches - 1 ? Instant.MAX : from.plus(Duration.ofDays(1));
      out.add(of(sim.arrivingBetween(from, to), "simulated day " + (firstDays + b)));
    }
    return out;
  }

  /**
   * One batch per file, each line one record value as {@code replay} sends it. Every file is read and checked
   * ({@link JsonLinesFile#readJsonLines}) before anything is returned, so a bad one stops the demo before it starts.
   */
  static List<Arrival> files(List<Path> files, double maxBadShare) throws IOException {
    List<Arrival> out = new ArrayList<>();
    for (Path f : files) {
      List<byte[]> values = JsonLinesFile.readJsonLines(f, maxBadShare);
      out.add(new Arrival(f.getFileName().toString(), values.size(), (kafka, topic) -> kafka.sendValues(topic, values)));
    }
    return out;
  }

  private static Arrival of(Simulation part, String label) {
    return new Arrival(label, part.size(), (kafka, topic) -> kafka.send(topic, part.records()));
  }
}
