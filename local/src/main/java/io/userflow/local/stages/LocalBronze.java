package io.userflow.local.stages;

import io.userflow.core.contract.JobOptions;
import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./userflow bronze}: the Bronze job against the broker {@code ./userflow broker start} runs under
 * {@code --local-dir}. It fills in the two options the job requires, {@code --bootstrap-servers} (the running broker's
 * address) and {@code --topic} (the broker's topic), unless given, and passes everything else to {@link BronzeJob}
 * unchanged, {@code --help} included. The job itself knows nothing of the local broker.
 */
@Command(name = "bronze")
public final class LocalBronze implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = CatalogOptions.LOCAL_DIR, defaultValue = CatalogOptions.LOCAL_DIR_DEFAULT)
  Path localDir;

  @Option(names = JobOptions.BOOTSTRAP_SERVERS)
  String bootstrapServers;

  @Option(names = JobOptions.TOPIC, defaultValue = BackgroundBroker.DEFAULT_TOPIC)
  String topic;

  @Unmatched List<String> rest = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of(CatalogOptions.LOCAL_DIR, localDir.toString(), JobOptions.TOPIC, topic));
    boolean help = rest.contains("--help") || rest.contains("-h") || rest.contains("--version") || rest.contains("-V");
    if (!help) {
      args.addAll(List.of(JobOptions.BOOTSTRAP_SERVERS, CommandLines.options(spec,
          () -> BackgroundBroker.bootstrapServers(bootstrapServers, localDir))));
    }
    args.addAll(rest);
    CommandLine job = BronzeJob.commandLine();
    job.setOut(spec.commandLine().getOut());
    job.setErr(spec.commandLine().getErr());
    return job.execute(args.toArray(String[]::new));
  }

  /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
  public static CommandLine commandLine() {
    CommandLine cl = CommandLines.withErrorLine(new LocalBronze());
    cl.setUnmatchedOptionsArePositionalParams(true);
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
