package io.userflow.jobs.silver;

import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.RunOptions;
import io.userflow.jobs.spark.Sessions;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Silver batch stage entry point (the SparkApplication main class). Exit codes: 0 published or NOOP,
 * 3 quality gate failed (candidate kept on its audit branch), 1 error, 2 bad options.
 */
@Command(name = "silver", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Parse, validate, dedupe and sessionize Bronze into Silver; publish only if the quality gate passes.")
public class SilverJob implements Callable<Integer> {
  public static final int GATE_FAILED = 3;

  @Mixin CatalogOptions catalog = new CatalogOptions();
  @Mixin RunOptions run = new RunOptions();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--session-gap-minutes", defaultValue = "30", description = "Gap that starts a new session")
  int sessionGapMinutes;

  @Option(names = "--reject-ratio-threshold", defaultValue = "0.2", description = "Highest rejects/bronze ratio the gate accepts")
  double rejectRatioThreshold;

  @Option(names = "--max-future-skew-minutes", defaultValue = "5", description = "Reject events whose time is this far after ingest")
  int maxFutureSkewMinutes;

  @Override
  public Integer call() {
    if (sessionGapMinutes < 1 || rejectRatioThreshold < 0 || rejectRatioThreshold > 1 || maxFutureSkewMinutes < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--session-gap-minutes must be >= 1, --reject-ratio-threshold in [0,1], --max-future-skew-minutes >= 0");
    }
    SilverStage.Settings settings = new SilverStage.Settings(sessionGapMinutes, rejectRatioThreshold,
        Duration.ofMinutes(maxFutureSkewMinutes), Duration.ofHours(1));
    var context = run.context(SilverStage.TRANSFORM_VERSION);
    var layout = catalog.layout();
    SparkSession spark = Sessions.create("userflow-silver", catalog.catalog(), catalog.master);
    try {
      SilverResult result = SilverStage.run(spark, layout, context, settings);
      System.out.println(JsonOutput.toJson(result));
      if (result.gateFailed()) {
        System.err.println("Quality gate failed: " + result.gate().failed() + ". Main is unchanged; inspect branch "
            + result.auditBranch() + " of " + catalog.layout().silver() + ", fix the input or the threshold, then rerun.");
        return GATE_FAILED;
      }
      return 0;
    } finally {
      if (catalog.master != null) {
        spark.stop();
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SilverJob()).execute(args));
  }
}
