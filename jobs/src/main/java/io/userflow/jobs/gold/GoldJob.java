package io.userflow.jobs.gold;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.features.FeatureOptions;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.RunOptions;
import io.userflow.jobs.spark.Sessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Gold batch stage entry point (the SparkApplication main class). Exit codes: 0 done or NOOP, 1 error, 2 bad
 * options; every failure prints one {@code error:} line.
 */
@Command(name = "gold", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Recompute the per-user daily and rolling 7-day feature partitions that published Silver changed.")
public class GoldJob implements Callable<Integer> {
  @Mixin CatalogOptions catalog = new CatalogOptions();
  @Mixin RunOptions run = new RunOptions();
  @Mixin FeatureOptions features = new FeatureOptions();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CommitHook hook;

  private GoldJob(CommitHook hook) {
    this.hook = hook;
  }

  @Override
  public Integer call() {
    RunContext context = CommandLines.options(spec, () -> run.context(GoldStage.TRANSFORM_VERSION));
    TableLayout layout = CommandLines.options(spec, catalog::layout);
    DeclaredGroups declared = CommandLines.options(spec, () -> features.declared(layout));
    SparkSession spark = Sessions.create("userflow-gold", CommandLines.options(spec, catalog::catalog), catalog.master);
    try {
      GoldResult result = GoldStage.run(spark, layout, context, hook, declared);
      spec.commandLine().getOut().println(JsonOutput.toJson(result));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** A configured command line; a bad option (exit 2) or a failure (exit 1) prints one {@code error:} line. */
  public static CommandLine commandLine() {
    return commandLine(CommitHook.NONE);
  }

  /** As {@link #commandLine()}, telling {@code hook} at each commit boundary. */
  public static CommandLine commandLine(CommitHook hook) {
    return CommandLines.withErrorLine(new GoldJob(hook));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
