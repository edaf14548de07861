package io.userflow.jobs.testing;

import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.silver.SilverJob;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * Main class of a job JVM that a crash test kills: {@code CrashingJob <bronze|silver|gold> <BOUNDARY> <n> <job
 * options...>} runs the job with a hook that, the n-th time the job passes the boundary, prints {@link #marker}
 * and blocks, so the parent can SIGKILL the JVM right there. Should the parent not, it halts itself.
 */
public final class CrashingJob {
  /** How long a blocked job waits for its SIGKILL before it halts itself (a parent that died leaves no JVM). */
  static final long KILL_WAIT_SECONDS = 120;
  static final int SELF_HALT_EXIT = 99;

  private CrashingJob() {}

  /** The line the job prints when it blocks at the boundary. */
  public static String marker(CommitBoundary boundary, int nth) {
    return "crash point " + boundary + " #" + nth + " reached";
  }

  public static void main(String[] args) throws Exception {
    CommitBoundary at = CommitBoundary.valueOf(args[1]);
    int nth = Integer.parseInt(args[2]);
    AtomicInteger seen = new AtomicInteger();
    CommitHook hook = boundary -> {
      if (boundary == at && seen.incrementAndGet() == nth) {
        System.out.println(marker(at, nth));
        System.out.flush();
        block();
      }
    };
    CommandLine job = switch (args[0]) {
      case "bronze" -> BronzeJob.commandLine(hook);
      case "silver" -> SilverJob.commandLine(hook);
      case "gold" -> GoldJob.commandLine(hook);
      default -> throw new IllegalArgumentException("unknown job " + args[0] + "; bronze, silver or gold");
    };
    int exit = job.execute(Arrays.copyOfRange(args, 3, args.length));
    System.out.println("job ended with exit " + exit + " without reaching " + marker(at, nth));
    System.exit(exit);
  }

  private static void block() {
    try {
      new CountDownLatch(1).await(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(SELF_HALT_EXIT);
  }
}
