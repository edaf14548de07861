package io.userflow.jobs.spark;

import static io.userflow.jobs.testing.FakeBronze.event;
import static io.userflow.jobs.testing.HandMadeStream.DAY1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.contract.TableOwner;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A table belongs to the pipeline that first ran on it; a run for another pipeline refuses it, saying why. */
class TableOwnershipTest extends LocalSparkTest {

  @AfterEach
  void noOwner() {
    spark.conf().unset(TableOwner.SPARK_CONF);
  }

  private static void runAs(String owner, TableLayout layout, String run) {
    spark.conf().set(TableOwner.SPARK_CONF, owner);
    SilverStage.run(spark, layout, RunContext.of("p", run, PlanRequest.auto(SilverStage.TRANSFORM_VERSION)),
        SilverStageTest.LENIENT);
    GoldStage.run(spark, layout, RunContext.of("p", run, PlanRequest.auto(GoldStage.TRANSFORM_VERSION)));
  }

  @Test
  void tablesAreStampedByTheirFirstPipelineAndRefusedToAnother() {
    TableLayout layout = TableLayout.defaults().inNamespace("owned");
    spark.conf().set(TableOwner.SPARK_CONF, "team-a/clicks/uid-1");
    new FakeBronze(spark, layout).append(DAY1, List.of(event("e1", "u1", "page_view", "2026-11-01T10:00:00.000Z")));
    runAs("team-a/clicks/uid-1", layout, "r1");
    for (String table : layout.allTables()) {
      assertThat(IcebergTables.load(spark, layout.sparkName(table), "").properties()).as(table)
          .containsEntry(TableOwner.NAMESPACE_PROPERTY, "team-a").containsEntry(TableOwner.NAME_PROPERTY, "clicks")
          .containsEntry(TableOwner.UID_PROPERTY, "uid-1");
    }

    assertThatThrownBy(() -> runAs("team-b/views/uid-9", layout, "r2")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userflow.owned.bronze_events belongs to FeaturePipeline team-a/clicks (uid uid-1), "
            + "not to team-b/views");
    // the same pipeline created again continues; a local run (no owner) neither checks nor stamps
    runAs("team-a/clicks/uid-2", layout, "r3");
    spark.conf().unset(TableOwner.SPARK_CONF);
    SilverStage.run(spark, layout, RunContext.of("p", "r4", PlanRequest.auto(SilverStage.TRANSFORM_VERSION)),
        SilverStageTest.LENIENT);
  }
}
