package io.userflow.core.contract;

/** The jobs' main classes, as the operator names them in a SparkApplication's {@code mainClass}. */
public final class JobMains {
  public static final String BRONZE = "io.userflow.jobs.bronze.BronzeJob";
  public static final String SILVER = "io.userflow.jobs.silver.SilverJob";
  public static final String GOLD = "io.userflow.jobs.gold.GoldJob";
  public static final String MAINTENANCE = "io.userflow.jobs.maintenance.MaintenanceJob";
  public static final String TRAINING_SET = "io.userflow.jobs.training.TrainingSetJob";

  private JobMains() {}
}
