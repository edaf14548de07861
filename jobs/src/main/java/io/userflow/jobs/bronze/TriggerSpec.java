package io.userflow.jobs.bronze;

import io.userflow.core.contract.JobOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.streaming.Trigger;

/**
 * When the Bronze stream runs: {@code available-now} (everything in the topic now, in as many micro-batches
 * as {@code --max-offsets-per-trigger} needs, then stop) or {@code processing-time:10s} (forever, one
 * micro-batch per interval).
 *
 * @param interval null for available-now
 */
public record TriggerSpec(Duration interval) {
  public static final String AVAILABLE_NOW = "available-now";
  public static final String PROCESSING_TIME = JobOptions.PROCESSING_TIME_TRIGGER;
  private static final Pattern INTERVAL = Pattern.compile("^(\\d+)(ms|s|m|h)$");

  public static TriggerSpec availableNow() {
    return new TriggerSpec(null);
  }

  public static TriggerSpec processingTime(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("processing-time interval must be positive, got " + interval);
    }
    return new TriggerSpec(interval);
  }

  /** Parses {@code available-now} or {@code processing-time:<n>(ms|s|m|h)}. */
  public static TriggerSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals(AVAILABLE_NOW)) {
      return availableNow();
    }
    if (t.startsWith(PROCESSING_TIME)) {
      Matcher m = INTERVAL.matcher(t.substring(PROCESSING_TIME.length()));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return processingTime(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      }
    }
    throw new IllegalArgumentException("trigger must be available-now or processing-time:<n>(ms|s|m|h) such as processing-time:10s, got: " + text);
  }

  public boolean isAvailableNow() {
    return interval == null;
  }

  public Trigger toSparkTrigger() {
    return isAvailableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
  }

  @Override
  public String toString() {
    return isAvailableNow() ? AVAILABLE_NOW : PROCESSING_TIME + interval.toMillis() + "ms";
  }
}
