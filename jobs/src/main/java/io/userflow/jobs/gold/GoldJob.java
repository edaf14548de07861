package io.userflow.jobs.gold;

import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.RunOptions;
import io.userflow.jobs.spark.Sessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Gold batch stage entry point (the SparkApplication main class). Exit codes: 0 done or NOOP, 1 error, 2 bad options. */
@Command(name = "gold", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Recompute the per-user daily and rolling 7-day feature partitions that published Silver changed.")
public class GoldJob implements Callable<Integer> {
  @Mixin CatalogOptions catalog = new CatalogOptions();
  @Mixin RunOptions run = new RunOptions();

  @Override
  public Integer call() {
    var context = run.context(GoldStage.TRANSFORM_VERSION);
    var layout = catalog.layout();
    SparkSession spark = Sessions.create("userflow-gold", catalog.catalog(), catalog.master);
    try {
      GoldResult result = GoldStage.run(spark, layout, context);
      System.out.println(JsonOutput.toJson(result));
      return 0;
    } finally {
      if (catalog.master != null) {
        spark.stop();
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GoldJob()).execute(args));
  }
}
