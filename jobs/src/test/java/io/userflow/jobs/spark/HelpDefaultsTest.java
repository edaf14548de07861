package io.userflow.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.training.TrainingSetJob;
import io.userflow.jobs.maintenance.MaintenanceJob;
import io.userflow.jobs.silver.SilverJob;
import io.userflow.jobs.testing.HelpDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} of every stage's main lists each option's default (local/ checks the local commands). */
class HelpDefaultsTest {

  @Test
  void everyOptionWithADefaultShowsItInHelp() {
    assertThat(HelpDefaults.assertListed(List.of(BronzeJob.commandLine(), SilverJob.commandLine(),
        GoldJob.commandLine(), MaintenanceJob.commandLine(), TrainingSetJob.commandLine()))).isGreaterThan(30);
  }
}
