package io.userflow.jobs.maintenance;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.maintenance.AuditBranches;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.features.FeatureOptions;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.Sessions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Maintenance stage entry point (the SparkApplication main class): compacts data and delete files and expires the
 * snapshots no stage's next plan needs. Exit codes: 0 done, 1 error, 2 bad options; a failure prints one
 * {@code error:} line. It has no plan or mode of its own, so it takes none of the batch stages' plan options.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Compact the pipeline's tables and its declared feature groups' tables (rewrite_data_files, "
        + "rewrite_position_delete_files) and expire old snapshots, keeping every snapshot a stage's next incremental "
        + "plan reads; drop the tables of removed feature groups asked for.")
public class MaintenanceJob implements Callable<Integer> {
  @Mixin CatalogOptions catalog = new CatalogOptions();
  @Mixin FeatureOptions features = new FeatureOptions();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = JobOptions.PIPELINE, defaultValue = "local", description = "Pipeline name recorded in the rewrite commits")
  String pipeline;

  @Option(names = JobOptions.RUN_ID, description = "Run id recorded in the rewrite commits; default: random")
  String runId;

  @Option(names = JobOptions.DROP_TABLES, split = ",", paramLabel = "TABLE",
      description = "Drop these tables of feature groups the definition no longer declares, with their files, before "
          + "maintaining the rest (only such tables: the pipeline's own and declared groups' tables are refused)")
  List<String> dropTables = new ArrayList<>();

  @Option(names = JobOptions.MIN_INPUT_FILES, defaultValue = "" + JobOptions.MIN_INPUT_FILES_DEFAULT,
      description = "Files a partition needs before its data or position-delete files are rewritten")
  int minInputFiles;

  @Option(names = JobOptions.RETAIN_LAST, defaultValue = "" + JobOptions.RETAIN_LAST_DEFAULT,
      description = "Snapshots of each table kept whatever their age")
  int retainLast;

  @Option(names = JobOptions.RETENTION_HOURS, defaultValue = "" + JobOptions.RETENTION_HOURS_DEFAULT,
      description = "Snapshots younger than this are never expired (older ones only when no stage's lineage needs them)")
  long retentionHours;

  @Option(names = JobOptions.AUDIT_BRANCH_RETENTION_HOURS, defaultValue = "" + JobOptions.AUDIT_BRANCH_RETENTION_HOURS_DEFAULT,
      description = "Audit branches left by refused, killed or beaten runs are removed once their newest commit is "
          + "older than this (at least " + AuditBranches.RETENTION_HOURS_MIN + "), so their snapshots can expire")
  long auditBranchRetentionHours;

  private MaintenanceJob() {}

  @Override
  public Integer call() {
    MaintenanceStage.Settings settings = CommandLines.options(spec,
        () -> new MaintenanceStage.Settings(minInputFiles, retainLast, Duration.ofHours(retentionHours),
            Duration.ofHours(auditBranchRetentionHours)));
    TableLayout layout = CommandLines.options(spec, catalog::layout);
    DeclaredGroups declared = CommandLines.options(spec, () -> features.declared(layout));
    String id = runId == null ? UUID.randomUUID().toString().substring(0, 8) : runId;
    SparkSession spark = Sessions.create("userflow-maintenance", CommandLines.options(spec, catalog::catalog),
        catalog.master);
    try {
      PrintWriter out = spec.commandLine().getOut();
      MaintenanceResult result = MaintenanceStage.run(spark, layout, declared, dropTables,
          MaintenanceStage.summary(pipeline, id), settings,
          Instant.now(), line -> {
            out.println(line);
            out.flush();
          });
      out.println(JsonOutput.toJson(result));
      out.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** A configured command line; a bad option (exit 2) or a failure (exit 1) prints one {@code error:} line. */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new MaintenanceJob());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
