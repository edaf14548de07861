package io.userflow.jobs.silver;

import io.userflow.core.contract.JobExit;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.jobs.features.EventOptions;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.RunContext;
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
 * 3 quality gate failed (candidate kept on its audit branch), 1 error, 2 bad options; every failure prints one
 * {@code error:} line.
 */
@Command(name = "silver", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Parse, validate, dedupe and sessionize Bronze into Silver; publish only if the quality gate passes.")
public class SilverJob implements Callable<Integer> {

  @Mixin CatalogOptions catalog = new CatalogOptions();
  @Mixin RunOptions run = new RunOptions();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = JobOptions.SESSION_GAP_MINUTES, defaultValue = "" + JobOptions.SESSION_GAP_MINUTES_DEFAULT, description = "Gap that starts a new session")
  int sessionGapMinutes;

  @Option(names = JobOptions.REJECT_RATIO_THRESHOLD, defaultValue = "" + JobOptions.REJECT_RATIO_THRESHOLD_DEFAULT, description = "Highest rejects/bronze ratio the gate accepts")
  double rejectRatioThreshold;

  @Option(names = JobOptions.MAX_UNREQUESTED_SHRINK, defaultValue = "" + JobOptions.MAX_UNREQUESTED_SHRINK_DEFAULT,
      description = "A FULL run nobody asked for (no lineage, expired history, new transform version) that would remove"
          + " more than this share of Silver's rows is refused by the gate until run with --mode FULL")
  double maxUnrequestedShrink;

  @Option(names = JobOptions.MAX_FUTURE_SKEW_MINUTES, defaultValue = "" + JobOptions.MAX_FUTURE_SKEW_MINUTES_DEFAULT, description = "Reject events whose time is this far after ingest")
  int maxFutureSkewMinutes;

  @Option(names = JobOptions.MAX_EVENT_AGE_DAYS, defaultValue = "" + JobOptions.MAX_EVENT_AGE_DAYS_DEFAULT,
      description = "Reject events whose time is more than this many days before ingest; 0: no limit")
  int maxEventAgeDays;

  @Option(names = JobOptions.EVENT_TIME_FLOOR, defaultValue = JobOptions.EVENT_TIME_FLOOR_DEFAULT,
      description = "Reject events before this instant; 1900-01-01 at the earliest")
  java.time.Instant eventTimeFloor;

  @Option(names = JobOptions.MAX_PRICE, defaultValue = JobOptions.MAX_PRICE_DEFAULT,
      description = "Reject prices above this; at most 99999999999999.9999")
  java.math.BigDecimal maxPrice;

  @Option(names = JobOptions.MAX_QUANTITY, defaultValue = "" + JobOptions.MAX_QUANTITY_DEFAULT,
      description = "Reject quantities above this; at most 1000000")
  int maxQuantity;

  @Option(names = JobOptions.MAX_RECORD_BYTES, defaultValue = "" + JobOptions.MAX_RECORD_BYTES_DEFAULT,
      description = "Reject record values longer than this")
  int maxRecordBytes;

  @Option(names = JobOptions.MAX_ID_LENGTH, defaultValue = "" + JobOptions.MAX_ID_LENGTH_DEFAULT,
      description = "Longest event_id, user_id, product_id, session_hint, in characters")
  int maxIdLength;

  @Option(names = JobOptions.MAX_TEXT_LENGTH, defaultValue = "" + JobOptions.MAX_TEXT_LENGTH_DEFAULT,
      description = "Longest page and referrer, in characters")
  int maxTextLength;

  @CommandLine.Mixin EventOptions declaration = new EventOptions();

  /** The event declaration from {@code --events} or a definition file; an invalid one is a usage error. */
  public EventDeclaration events() {
    return CommandLines.options(spec, declaration::events);
  }

  /** The range and size rules from the options; an impossible combination is a usage error. */
  public EventLimits limits() {
    if (maxEventAgeDays < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-event-age-days must be >= 0 (0: no limit)");
    }
    return CommandLines.options(spec, () -> new EventLimits(maxRecordBytes, maxIdLength, maxTextLength,
        eventTimeFloor, maxEventAgeDays == 0 ? null : Duration.ofDays(maxEventAgeDays),
        Duration.ofMinutes(maxFutureSkewMinutes), maxPrice, maxQuantity));
  }

  private final CommitHook hook;

  private SilverJob(CommitHook hook) {
    this.hook = hook;
  }

  @Override
  public Integer call() {
    if (sessionGapMinutes < 1 || rejectRatioThreshold < 0 || rejectRatioThreshold > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--session-gap-minutes must be >= 1, --reject-ratio-threshold in [0,1]");
    }
    SilverStage.Settings settings = CommandLines.options(spec, () -> new SilverStage.Settings(sessionGapMinutes,
        rejectRatioThreshold, limits(), Duration.ofHours(1), maxUnrequestedShrink, events()));
    RunContext context = CommandLines.options(spec, () -> run.context(SilverStage.TRANSFORM_VERSION));
    TableLayout layout = CommandLines.options(spec, catalog::layout);
    SparkSession spark = Sessions.create("userflow-silver", CommandLines.options(spec, catalog::catalog), catalog.master);
    try {
      SilverResult result = SilverStage.run(spark, layout, context, settings, hook);
      spec.commandLine().getOut().println(JsonOutput.toJson(result));
      spec.commandLine().getOut().flush();
      if (result.gateFailed()) {
        spec.commandLine().getErr().println("error: quality gate failed: " + result.gate().describeFailed()
            + ". Main is unchanged; inspect branch " + result.auditBranch() + " of " + layout.silver()
            + ", fix the input or the threshold, then rerun.");
        spec.commandLine().getErr().flush();
        return JobExit.GATE_FAILED;
      }
      return JobExit.OK;
    } finally {
      spark.stop();
    }
  }

  /** A configured command line; a bad option (exit 2) or a failure (exit 1, gate: 3) prints one {@code error:} line. */
  public static CommandLine commandLine() {
    return commandLine(CommitHook.NONE);
  }

  /** As {@link #commandLine()}, telling {@code hook} at each commit boundary. */
  public static CommandLine commandLine(CommitHook hook) {
    return CommandLines.withErrorLine(new SilverJob(hook));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
