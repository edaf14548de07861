package io.userflow.local.simulator;

import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.devkit.simulator.JsonLinesFile;
import io.userflow.devkit.simulator.Simulation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without Kafka: files, determinism and errors. */
class SimulatorMainTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    var cli = SimulatorMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesByteIdenticalJsonLinesForTheSameSeedAndPrintsTheResult() throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    String[] common = {"--users", "20", "--duration", "12h", "--start", "2026-11-02T00:00:00Z", "--malformed-rate", "0.05"};
    assertThat(run(concat(new String[] {"simulate", "--output", a.toString()}, common))).isZero();
    assertThat(run(concat(new String[] {"simulate", "--output", b.toString()}, common))).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

    JsonNode result = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
    List<String> lines = Files.readAllLines(a, StandardCharsets.UTF_8);
    assertThat(result.get("records").asLong()).isEqualTo(lines.size());
    assertThat(result.get("faults").get("MALFORMED_JSON").asLong()).isPositive();
    assertThat(result.get("topic").isNull()).isTrue();

    Simulation expected = EventSimulator.generate(new SimulationOptions(42, 20, Instant.parse("2026-11-02T00:00:00Z"),
        Duration.ofHours(12), 2.0, FaultRates.defaults().toBuilder().malformed(0.05).build()));
    assertThat(lines).isEqualTo(expected.values());
  }

  @Test
  void producesOneArrivalBatchOnRequest() throws Exception {
    Path file = dir.resolve("batch.jsonl");
    assertThat(run("simulate", "--no-faults", "--users", "10", "--duration", "3d", "--batch", "2/3", "--output", file.toString())).isZero();
    Simulation all = EventSimulator.generate(SimulationOptions.defaults().withUsers(10).withDuration(Duration.ofDays(3))
        .withFaults(FaultRates.none()));
    assertThat(Files.readAllLines(file)).isEqualTo(all.arrivalBatches(3).get(1).values());
    assertThat(out.toString()).contains("\"batch\":\"2/3\"");
  }

  @Test
  void rejectsUnknownOptionsAndBadValuesWithUsageErrors() {
    assertThat(run("simulate", "--output", "x.jsonl", "--userz", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("'--userz'");
    assertThat(run("simulate", "--users", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("nothing to do");
    assertThat(run("simulate", "--output", "x.jsonl", "--start", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--start must be an ISO-8601");
    assertThat(run("simulate", "--output", "x.jsonl", "--late-rate", "2")).isEqualTo(2);
    assertThat(err.toString()).contains("late rate must be in [0, 1]");
    assertThat(run("simulate", "--output", "x.jsonl", "--batch", "4/3")).isEqualTo(2);
    assertThat(err.toString()).contains("--batch must be i/n");
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("missing subcommand");
  }

  @Test
  void replayOfAMissingFileFailsWithOneClearLine() {
    assertThat(run("replay", "--bootstrap-servers", "127.0.0.1:1", "--topic", "t", "--input", dir.resolve("none.jsonl").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("error: input file not found: ");
  }

  @Test
  void jsonLinesKeepEveryByteOfEveryLine() throws Exception {
    Path file = dir.resolve("raw.jsonl");
    byte[] raw = {'{', '}', '\n', '\n', 'a', '\r', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'x'};
    Files.write(file, raw);
    List<byte[]> values = JsonLinesFile.readValues(file);
    assertThat(values).hasSize(5);
    assertThat(values.get(0)).isEqualTo(new byte[] {'{', '}'});
    assertThat(values.get(1)).isEmpty();
    assertThat(values.get(2)).isEqualTo(new byte[] {'a', '\r'});
    assertThat(values.get(3)).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0x28});
    assertThat(values.get(4)).isEqualTo(new byte[] {'x'});
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
