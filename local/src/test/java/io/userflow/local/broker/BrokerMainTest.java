package io.userflow.local.broker;

import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.devkit.broker.TopicEnds;
import io.userflow.devkit.broker.LocalBroker;
import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.testing.JobJvm;
import io.userflow.local.simulator.SimulatorMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.userflow.local.testing.CommandRun;
import picocli.CommandLine;

/**
 * {@code broker start|stop|status} as a user runs them: start in a JVM that exits (the broker must outlive it),
 * replay with no address, a second start, kill -9 and the stale pid file, restart on the same data, stop, and a
 * pid file naming someone else's process.
 */
class BrokerMainTest {
  private static final Pattern STARTED = Pattern.compile("broker started: pid (\\d+), bootstrap servers (127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;
  final CommandRun cli = new CommandRun();

  @AfterEach
  void stopBroker() {
    new BackgroundBroker(dir).stop();
  }

  @Test
  void startsInTheBackgroundAndOtherCommandsFindIt() throws Exception {
    Path log = dir.resolve("start.log");
    Process start = JobJvm.start(BrokerMain.class, List.of("-D" + LocalBroker.LIB_PROPERTY + "=" + System.getProperty(LocalBroker.LIB_PROPERTY)),
        List.of("--local-dir", dir.toString(), "start"), log);
    assertThat(start.waitFor(120, TimeUnit.SECONDS)).as(JobJvm.tail(log, 30)).isTrue();
    assertThat(start.exitValue()).as(JobJvm.tail(log, 30)).isZero();
    Matcher started = STARTED.matcher(Files.readString(log));
    assertThat(started.find()).as(Files.readString(log)).isTrue();
    long pid = Long.parseLong(started.group(1));
    String address = started.group(2);
    assertThat(Files.readString(dir.resolve("broker/bootstrap-servers")).trim()).isEqualTo(address);

    // the JVM that started it has exited; the broker runs on
    assertThat(broker("status")).isZero();
    assertThat(cli.out()).contains("broker running: pid " + pid + ", bootstrap servers " + address);
    assertThat(broker("start")).isZero();
    assertThat(cli.out()).contains("broker already running: pid " + pid + ", bootstrap servers " + address);

    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "{\"a\":1}\n{\"a\":2}\nnot json\n");
    assertThat(simulator("replay", "--local-dir", dir.toString(), "--input", events.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("\"topic\":\"" + BackgroundBroker.DEFAULT_TOPIC + "\"", "\"records\":3");
    assertThat(records(address)).isEqualTo(3);

    // killed behind its back: the pid file is stale, reported and removed; replay says how to start one
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
    assertThat(broker("status")).isEqualTo(BrokerMain.NOT_RUNNING);
    assertThat(cli.out()).contains("removed the stale pid file", "pid " + pid + " is not a broker started here");
    assertThat(dir.resolve("broker/broker.pid")).doesNotExist();
    assertThat(broker("status")).isEqualTo(BrokerMain.NOT_RUNNING);
    assertThat(cli.out()).endsWith("broker not running (no pid file in " + dir.toAbsolutePath().resolve("broker") + ")\n");
    assertThat(simulator("replay", "--local-dir", dir.toString(), "--input", events.toString())).isEqualTo(1);
    assertThat(cli.err()).contains("no --bootstrap-servers given and no broker running", "./userflow broker start");

    // started again on the same data: same address, the records are still there
    assertThat(broker("start")).isZero();
    Matcher again = STARTED.matcher(cli.out());
    assertThat(again.find()).as(cli.out()).isTrue();
    assertThat(again.group(2)).isEqualTo(address);
    assertThat(records(address)).isEqualTo(3);
    long second = Long.parseLong(again.group(1));
    assertThat(broker("stop")).isZero();
    assertThat(cli.out()).contains("broker stopped: pid " + second);
    assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(broker("stop")).isZero();
    assertThat(cli.out()).contains("broker not running");
  }

  @Test
  void neverStopsAProcessThatIsNotItsBroker() throws Exception {
    Process other = new ProcessBuilder("sleep", "300").start();
    try {
      Files.createDirectories(dir.resolve("broker"));
      Files.writeString(dir.resolve("broker/broker.pid"), other.pid() + "\n");
      assertThat(broker("status")).isEqualTo(BrokerMain.NOT_RUNNING);
      Files.writeString(dir.resolve("broker/broker.pid"), other.pid() + "\n");
      assertThat(broker("stop")).isZero();
      assertThat(cli.out()).contains("removed the stale pid file", "pid " + other.pid() + " is not a broker started here");
      assertThat(other.isAlive()).isTrue();
      assertThat(dir.resolve("broker/broker.pid")).doesNotExist();
    } finally {
      other.destroyForcibly();
    }
  }

  private int broker(String... args) {
    String[] withDir = new String[args.length + 2];
    withDir[0] = "--local-dir";
    withDir[1] = dir.toString();
    System.arraycopy(args, 0, withDir, 2, args.length);
    return run(BrokerMain.commandLine(), withDir);
  }

  private int simulator(String... args) {
    return run(SimulatorMain.commandLine(), args);
  }

  private int run(CommandLine cl, String... args) {
    return cli.run(cl, args);
  }

  private static long records(String bootstrap) {
    return TopicEnds.of(bootstrap, BackgroundBroker.DEFAULT_TOPIC).values().stream().mapToLong(Long::longValue).sum();
  }
}
