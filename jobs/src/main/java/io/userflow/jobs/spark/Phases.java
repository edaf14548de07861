package io.userflow.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Wall time and Spark jobs per phase of a stage run, printed as one progress line on stderr (stdout carries the
 * result). Spark is lazy, so a phase ends where an action forces its work. The jobs are counted by a listener on the
 * session's context while the run lasts: each job is a scheduling round trip and often an Iceberg scan planned again,
 * which is what a small incremental run's time is made of (bench/README.md).
 */
public final class Phases implements AutoCloseable {
  private final String stage;
  private final SparkSession spark;
  private final long start = System.nanoTime();
  private long last = start;
  private int lastJobs;
  private final AtomicInteger jobs = new AtomicInteger();
  private final SparkListener listener = new SparkListener() {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }
  };
  private final List<String> done = new ArrayList<>();

  public Phases(String stage, SparkSession spark) {
    this.stage = stage;
    this.spark = spark;
    spark.sparkContext().addSparkListener(listener);
  }

  /** Ends the current phase under {@code name}. */
  public void end(String name) {
    long now = System.nanoTime();
    int jobsNow = jobs.get();
    done.add(name + " " + (now - last) / 1_000_000 + " ms/" + (jobsNow - lastJobs) + " jobs");
    last = now;
    lastJobs = jobsNow;
  }

  /** Prints {@code <stage> <what>: <total> ms/<jobs> jobs: <phase> <ms> ms/<jobs> jobs, ...}. */
  public void print(String what) {
    System.err.printf("%s %s: %d ms/%d jobs: %s%n", stage, what, (System.nanoTime() - start) / 1_000_000, jobs.get(),
        String.join(", ", done));
  }

  /** Stops counting: the listener leaves the context. */
  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(listener);
  }
}
