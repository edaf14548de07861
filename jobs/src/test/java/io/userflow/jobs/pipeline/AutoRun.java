package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.RunContext;
import org.apache.spark.sql.SparkSession;

/**
 * Arrival batch {@code b}, already sent to Kafka, through Bronze, then Silver and Gold in AUTO as a scheduled run does
 * them: checked to publish, FULL for the first batch and INCREMENTAL after.
 */
record AutoRun(SilverResult silver, GoldResult gold, PlanMode expected) {
  static AutoRun of(SparkSession spark, BronzeSettings bronze, TableLayout layout, int b) {
    BronzeJob.run(spark, bronze.withRunId("b" + b));
    SilverResult silver = SilverStage.run(spark, layout, RunContext.of("it", "b" + b,
        new PlanRequest(RequestedMode.AUTO, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
    GoldResult gold = GoldStage.run(spark, layout, RunContext.of("it", "b" + b,
        new PlanRequest(RequestedMode.AUTO, GoldStage.TRANSFORM_VERSION, 1.0, null)));
    assertThat(silver.published()).as("batch %d gate %s", b, silver.gate()).isTrue();
    PlanMode expected = b == 0 ? PlanMode.FULL : PlanMode.INCREMENTAL;
    assertThat(silver.plan().mode()).as("silver plan of batch %d: %s", b, silver.plan()).isEqualTo(expected);
    assertThat(gold.plan().mode()).as("gold plan of batch %d: %s", b, gold.plan()).isEqualTo(expected);
    return new AutoRun(silver, gold, expected);
  }
}
