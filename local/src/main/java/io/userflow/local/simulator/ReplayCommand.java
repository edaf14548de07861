package io.userflow.local.simulator;

import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.JsonLinesFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userflow.devkit.broker.BackgroundBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay}: send a JSON-lines file to a topic, one line per record value, byte for byte. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
    description = "Send each line of a JSON-lines file as one record value, unchanged (malformed lines included), "
        + "without key, timestamped with the current time.")
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers",
      description = "Kafka bootstrap servers; default: the broker ./userflow broker start runs under --local-dir")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = BackgroundBroker.DEFAULT_TOPIC, description = "Topic to send to")
  String topic;

  @Option(names = "--local-dir", defaultValue = ".userflow", description = "Where ./userflow broker start left its address")
  Path localDir;

  @Option(names = "--input", required = true, description = "JSON-lines file, e.g. one written by simulate --output")
  Path input;

  @Override
  public Integer call() throws Exception {
    List<byte[]> values = JsonLinesFile.readValues(input);
    KafkaEventSender.SendReport report;
    try (KafkaEventSender sender = new KafkaEventSender(BackgroundBroker.bootstrapServers(bootstrapServers, localDir))) {
      report = sender.sendValues(topic, values);
    }
    spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(
        new ReplayResult(topic, input.toString(), report.records(), report.valueBytes(), report.elapsedMillis())));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * What {@code replay} sent; printed as one JSON object.
   *
   * @param topic topic written
   * @param input file read
   * @param records records sent (lines in the file)
   * @param valueBytes bytes of all values
   * @param elapsedMillis send time including the final flush
   */
  public record ReplayResult(String topic, String input, long records, long valueBytes, long elapsedMillis) {}
}
