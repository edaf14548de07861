package io.userflow.devkit.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that determines a simulation: the same options give byte-identical records.
 *
 * @param seed random seed
 * @param users number of users ({@code u000001}..)
 * @param start first possible session start (UTC, truncated to milliseconds)
 * @param duration how long sessions keep starting after {@code start}
 * @param sessionsPerUserPerDay mean session rate per user; about 9 events per session on average
 * @param faults fault rates
 */
public record SimulationOptions(
    long seed, int users, Instant start, Duration duration, double sessionsPerUserPerDay, FaultRates faults) {

  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_USERS = 100;
  public static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");
  public static final Duration DEFAULT_DURATION = Duration.ofDays(1);
  public static final double DEFAULT_SESSIONS_PER_USER_PER_DAY = 2.0;
  public static final int MAX_USERS = 10_000_000;
  public static final Duration MAX_DURATION = Duration.ofDays(3660);

  private static final Pattern SHORT_DURATION = Pattern.compile("^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?$");

  public SimulationOptions {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(faults, "faults");
    start = start.truncatedTo(ChronoUnit.MILLIS);
    if (users < 1 || users > MAX_USERS) {
      throw new IllegalArgumentException("users must be in [1, " + MAX_USERS + "], got " + users);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("duration must be positive and at most " + MAX_DURATION.toDays() + " days, got " + duration);
    }
    if (!(sessionsPerUserPerDay > 0 && sessionsPerUserPerDay <= 100)) {
      throw new IllegalArgumentException("sessions per user per day must be in (0, 100], got " + sessionsPerUserPerDay);
    }
  }

  /** 100 users for one day from 2026-11-01, 2 sessions per user per day, default fault rates. */
  public static SimulationOptions defaults() {
    return new SimulationOptions(DEFAULT_SEED, DEFAULT_USERS, DEFAULT_START, DEFAULT_DURATION,
        DEFAULT_SESSIONS_PER_USER_PER_DAY, FaultRates.defaults());
  }

  public Instant end() {
    return start.plus(duration);
  }

  public SimulationOptions withSeed(long v) {
    return new SimulationOptions(v, users, start, duration, sessionsPerUserPerDay, faults);
  }

  public SimulationOptions withUsers(int v) {
    return new SimulationOptions(seed, v, start, duration, sessionsPerUserPerDay, faults);
  }

  public SimulationOptions withStart(Instant v) {
    return new SimulationOptions(seed, users, v, duration, sessionsPerUserPerDay, faults);
  }

  public SimulationOptions withDuration(Duration v) {
    return new SimulationOptions(seed, users, start, v, sessionsPerUserPerDay, faults);
  }

  public SimulationOptions withSessionsPerUserPerDay(double v) {
    return new SimulationOptions(seed, users, start, duration, v, faults);
  }

  public SimulationOptions withFaults(FaultRates v) {
    return new SimulationOptions(seed, users, start, duration, sessionsPerUserPerDay, v);
  }

  /** Parses {@code 3d}, {@code 12h}, {@code 1d12h}, {@code 90m} or ISO-8601 ({@code P2D}, {@code PT6H}). */
  public static Duration parseDuration(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("duration is empty; use e.g. 3d, 12h, 1d12h or P2D");
    }
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      return Duration.parse(t);
    }
    Matcher m = SHORT_DURATION.matcher(t);
    if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
      throw new IllegalArgumentException("cannot read duration '" + text + "'; use e.g. 3d, 12h, 1d12h, 90m or P2D");
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusDays(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusHours(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(3)));
    }
    return d;
  }
}
