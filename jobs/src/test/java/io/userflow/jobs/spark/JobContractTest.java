package io.userflow.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobMains;
import io.userflow.core.contract.JobOptions;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.training.TrainingSetJob;
import io.userflow.jobs.maintenance.MaintenanceJob;
import io.userflow.jobs.silver.SilverJob;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The jobs answer to the names the operator uses (core's contract): main classes and every option it passes. */
class JobContractTest {

  @Test
  void mainClassesAreTheJobs() {
    assertThat(JobMains.BRONZE).isEqualTo(BronzeJob.class.getName());
    assertThat(JobMains.SILVER).isEqualTo(SilverJob.class.getName());
    assertThat(JobMains.GOLD).isEqualTo(GoldJob.class.getName());
    assertThat(JobMains.MAINTENANCE).isEqualTo(MaintenanceJob.class.getName());
    assertThat(JobMains.TRAINING_SET).isEqualTo(TrainingSetJob.class.getName());
  }

  @Test
  void everyContractOptionIsDeclaredByAJob() throws IllegalAccessException {
    List<CommandLine> jobs = List.of(BronzeJob.commandLine(), SilverJob.commandLine(), GoldJob.commandLine(),
        MaintenanceJob.commandLine(), TrainingSetJob.commandLine());
    List<String> undeclared = new ArrayList<>();
    for (Field f : JobOptions.class.getFields()) {
      if (f.getType() != String.class) {
        continue; // a default beside its option's name, not an option
      }
      String value = (String) f.get(null);
      boolean option = Modifier.isStatic(f.getModifiers()) && value.startsWith("--");
      if (option && jobs.stream().noneMatch(job -> job.getCommandSpec().findOption(value) != null)) {
        undeclared.add(f.getName() + "=" + value);
      }
    }
    assertThat(undeclared).isEmpty();
  }

  /**
   * Every {@code X_DEFAULT} of the contract is the default of option {@code X} in each job that declares it; the
   * operator's CRD reads the same constants (its CrdDefaultsTest), so a local run and a FeaturePipeline agree.
   */
  @Test
  void everyContractDefaultIsTheDefaultOfItsOptionInEveryJob() throws Exception {
    List<CommandLine> jobs = List.of(BronzeJob.commandLine(), SilverJob.commandLine(), GoldJob.commandLine(),
        MaintenanceJob.commandLine(), TrainingSetJob.commandLine());
    int checked = 0;
    for (Field f : JobOptions.class.getFields()) {
      if (!f.getName().endsWith("_DEFAULT")) {
        continue;
      }
      String option = (String) JobOptions.class.getField(f.getName().substring(0, f.getName().length() - 8)).get(null);
      String expected = String.valueOf(f.get(null));
      boolean declared = false;
      for (CommandLine job : jobs) {
        CommandLine.Model.OptionSpec spec = job.getCommandSpec().findOption(option);
        if (spec != null) {
          declared = true;
          assertThat(spec.defaultValue()).as("%s %s", job.getCommandName(), option).isEqualTo(expected);
          checked++;
        }
      }
      assertThat(declared).as("%s is declared by a job", option).isTrue();
    }
    assertThat(checked).as("defaults checked").isGreaterThanOrEqualTo(16);
  }

  @Test
  void batchOptionsAreDeclaredByBothBatchJobsAndSilverRulesBySilver() {
    for (String option : List.of(JobOptions.MODE, JobOptions.FROM_DATE, JobOptions.TO_DATE,
        JobOptions.FULL_REBUILD_SHARE, JobOptions.RUN_ID, JobOptions.GOLD_ROLLING_TABLE)) {
      assertThat(SilverJob.commandLine().getCommandSpec().findOption(option)).as("silver " + option).isNotNull();
      assertThat(GoldJob.commandLine().getCommandSpec().findOption(option)).as("gold " + option).isNotNull();
    }
    assertThat(SilverJob.commandLine().getCommandSpec().findOption(JobOptions.MAX_EVENT_AGE_DAYS)).isNotNull();
    assertThat(BronzeJob.commandLine().getCommandSpec().findOption(JobOptions.TRIGGER)).isNotNull();
  }

  @Test
  void maintenanceTakesTheCatalogAndItsOwnOptionsButNoPlanOptions() {
    var maintenance = MaintenanceJob.commandLine().getCommandSpec();
    for (String option : List.of(JobOptions.PIPELINE, JobOptions.RUN_ID, JobOptions.CATALOG_URI,
        JobOptions.GOLD_ROLLING_TABLE, JobOptions.MIN_INPUT_FILES, JobOptions.RETAIN_LAST, JobOptions.RETENTION_HOURS)) {
      assertThat(maintenance.findOption(option)).as("maintenance " + option).isNotNull();
    }
    for (String option : List.of(JobOptions.MODE, JobOptions.TRANSFORM_VERSION, JobOptions.FROM_DATE,
        JobOptions.FULL_REBUILD_SHARE)) {
      assertThat(maintenance.findOption(option)).as("maintenance " + option).isNull();
    }
  }
}
