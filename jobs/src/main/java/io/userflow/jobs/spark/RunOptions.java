package io.userflow.jobs.spark;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import java.time.LocalDate;
import java.util.UUID;
import picocli.CommandLine.Option;

/** Options of a batch stage run (a picocli mixin). */
public class RunOptions {
  @Option(names = JobOptions.PIPELINE, defaultValue = "local", description = "Pipeline name recorded in lineage")
  public String pipeline;

  @Option(names = JobOptions.RUN_ID, description = "Run id recorded in lineage and used for the audit branch; default: random")
  public String runId;

  @Option(names = JobOptions.TRANSFORM_VERSION, description = "Transform version; a change forces FULL. Default: the stage's built-in version")
  public String transformVersion;

  @Option(names = JobOptions.MODE, defaultValue = "AUTO", description = "AUTO, INCREMENTAL or FULL")
  public RequestedMode mode;

  @Option(names = JobOptions.FROM_DATE, description = "Backfill: first event date (UTC, yyyy-MM-dd), with --to-date")
  public LocalDate fromDate;

  @Option(names = JobOptions.TO_DATE, description = "Backfill: last event date (UTC, yyyy-MM-dd), with --from-date")
  public LocalDate toDate;

  @Option(names = JobOptions.FULL_REBUILD_SHARE, defaultValue = "" + JobOptions.FULL_REBUILD_SHARE_DEFAULT, description = "In AUTO, rebuild fully when new records exceed this share of the source")
  public double fullRebuildShare;

  public RunContext context(String defaultTransformVersion) {
    if ((fromDate == null) != (toDate == null)) {
      throw new IllegalArgumentException("--from-date and --to-date go together; give both or neither");
    }
    DateRange range = fromDate == null ? null : new DateRange(fromDate, toDate);
    String version = transformVersion == null ? defaultTransformVersion : transformVersion;
    String id = runId == null ? UUID.randomUUID().toString().substring(0, 8) : runId;
    return new RunContext(pipeline, id, new PlanRequest(mode, version, fullRebuildShare, range));
  }
}
