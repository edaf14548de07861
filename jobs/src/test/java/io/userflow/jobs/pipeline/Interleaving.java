package io.userflow.jobs.pipeline;

import io.userflow.core.planner.DateRange;
import io.userflow.jobs.spark.CommitBoundary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A seeded sequence of the operations a pipeline sees while it is operated: arrivals into Kafka, Bronze
 * micro-batches, Silver and Gold runs (AUTO, date ranges, FULL), maintenance, a crash at a commit boundary followed
 * by a rerun, and two writers at once (the second runs whole while the first stands at one of its commit
 * boundaries). The same seed gives the same sequence, so a failing seed replays.
 */
record Interleaving(long seed, List<Op> ops) {

  enum Kind {
    ARRIVE, BRONZE, SILVER, GOLD, SILVER_RANGE, GOLD_RANGE, SILVER_FULL, GOLD_FULL, MAINTAIN, CRASH, CONCURRENT;

    boolean silver() {
      return this == SILVER || this == SILVER_RANGE || this == SILVER_FULL;
    }
  }

  /**
   * One operation. {@code stage} is the stage run by CRASH and the first writer of CONCURRENT; {@code second} the
   * writer that runs whole at {@code at}; {@code range} the dates of a ranged run (the first writer's, or the
   * second's when it is the ranged one).
   */
  record Op(Kind kind, Kind stage, Kind second, CommitBoundary at, DateRange range) {
    static Op of(Kind kind) {
      return new Op(kind, null, null, null, null);
    }

    static Op ranged(Kind kind, DateRange range) {
      return new Op(kind, null, null, null, range);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case CRASH -> "CRASH(" + stage + (range == null ? "" : " " + range.from() + ".." + range.to()) + " at " + at + ")";
        case CONCURRENT -> "CONCURRENT(" + stage + " with " + second + " at " + at
            + (range == null ? "" : ", range " + range.from() + ".." + range.to()) + ")";
        case SILVER_RANGE, GOLD_RANGE -> kind + "(" + range.from() + ".." + range.to() + ")";
        default -> kind.name();
      };
    }
  }

  static final List<CommitBoundary> SILVER_BOUNDARIES = List.of(CommitBoundary.SILVER_BRANCH_CREATED,
      CommitBoundary.REJECTS_BRANCH_CREATED, CommitBoundary.SILVER_CANDIDATE_WRITTEN,
      CommitBoundary.REJECTS_CANDIDATE_WRITTEN, CommitBoundary.REJECTS_FAST_FORWARDED, CommitBoundary.REJECTS_PUBLISHED,
      CommitBoundary.SILVER_FAST_FORWARDED, CommitBoundary.SILVER_PUBLISHED);
  static final List<CommitBoundary> GOLD_BOUNDARIES = List.of(CommitBoundary.GOLD_CANDIDATES_WRITTEN,
      CommitBoundary.GOLD_DAILY_WRITTEN, CommitBoundary.GOLD_ROLLING_WRITTEN);
  /** The pairs of writers of one table tried at once: first writer, second writer. */
  private static final Kind[][] PAIRS = {{Kind.SILVER, Kind.SILVER}, {Kind.SILVER, Kind.SILVER_RANGE},
      {Kind.SILVER_RANGE, Kind.SILVER}, {Kind.GOLD, Kind.GOLD}, {Kind.GOLD, Kind.GOLD_RANGE},
      {Kind.GOLD_RANGE, Kind.GOLD}, {Kind.SILVER, Kind.MAINTAIN}, {Kind.GOLD, Kind.MAINTAIN}};

  /** {@code length} operations over event dates {@code first..last}, drawn from {@code seed}. */
  static Interleaving generate(long seed, int length, LocalDate first, LocalDate last) {
    Random rnd = new Random(seed);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      int p = rnd.nextInt(100);
      Op op;
      if (p < 14) {
        op = Op.of(Kind.ARRIVE);
      } else if (p < 30) {
        op = Op.of(Kind.BRONZE);
      } else if (p < 42) {
        op = Op.of(Kind.SILVER);
      } else if (p < 52) {
        op = Op.of(Kind.GOLD);
      } else if (p < 60) {
        op = Op.ranged(Kind.SILVER_RANGE, range(rnd, first, last));
      } else if (p < 66) {
        op = Op.ranged(Kind.GOLD_RANGE, range(rnd, first, last));
      } else if (p < 68) {
        op = Op.of(Kind.SILVER_FULL);
      } else if (p < 70) {
        op = Op.of(Kind.GOLD_FULL);
      } else if (p < 76) {
        op = Op.of(Kind.MAINTAIN);
      } else if (p < 86) {
        Kind stage = List.of(Kind.SILVER, Kind.GOLD, Kind.SILVER_RANGE, Kind.GOLD_RANGE).get(rnd.nextInt(4));
        List<CommitBoundary> at = stage.silver() ? SILVER_BOUNDARIES : GOLD_BOUNDARIES;
        op = new Op(Kind.CRASH, stage, null, at.get(rnd.nextInt(at.size())),
            stage == Kind.SILVER_RANGE || stage == Kind.GOLD_RANGE ? range(rnd, first, last) : null);
      } else {
        Kind[] pair = PAIRS[rnd.nextInt(PAIRS.length)];
        List<CommitBoundary> at = pair[0].silver() ? SILVER_BOUNDARIES : GOLD_BOUNDARIES;
        boolean ranged = pair[0] == Kind.SILVER_RANGE || pair[0] == Kind.GOLD_RANGE || pair[1] == Kind.SILVER_RANGE
            || pair[1] == Kind.GOLD_RANGE;
        op = new Op(Kind.CONCURRENT, pair[0], pair[1], at.get(rnd.nextInt(at.size())),
            ranged ? range(rnd, first, last) : null);
      }
      ops.add(op);
    }
    return new Interleaving(seed, List.copyOf(ops));
  }

  private static DateRange range(Random rnd, LocalDate first, LocalDate last) {
    int days = (int) (last.toEpochDay() - first.toEpochDay());
    LocalDate from = first.plusDays(rnd.nextInt(days + 1));
    LocalDate to = from.plusDays(rnd.nextInt((int) (last.toEpochDay() - from.toEpochDay()) + 1));
    return new DateRange(from, to);
  }

  /**
   * How many times a ranged run comes while its source holds data the stage has not processed yet (Silver's range
   * over unprocessed Bronze appends, Gold's over unprocessed Silver commits), with {@code batches} arrivals to send:
   * the case that lost data while a ranged run advanced the lineage past what it read.
   */
  int rangedRunsOverPendingData(int batches) {
    int[] state = {batches, 0, 0, 0}; // batches left, arrived, Bronze pending for Silver, Silver pending for Gold
    int hits = 0;
    for (Op op : ops) {
      switch (op.kind()) {
        case ARRIVE -> {
          if (state[0] > 0) {
            state[0]--;
            state[1] = 1;
          }
        }
        case BRONZE -> {
          state[2] |= state[1];
          state[1] = 0;
        }
        case CRASH -> hits += track(op.stage(), state) + track(op.stage().silver() ? Kind.SILVER : Kind.GOLD, state);
        case CONCURRENT -> hits += track(op.second(), state) + track(op.stage(), state);
        default -> hits += track(op.kind(), state);
      }
    }
    return hits;
  }

  private static int track(Kind stage, int[] state) {
    switch (stage) {
      case SILVER, SILVER_FULL -> {
        state[3] |= state[2];
        state[2] = 0;
      }
      case GOLD, GOLD_FULL -> state[3] = 0;
      case SILVER_RANGE -> {
        return state[2];
      }
      case GOLD_RANGE -> {
        return state[3];
      }
      default -> { }
    }
    return 0;
  }

  @Override
  public String toString() {
    return "seed " + seed + ": " + ops.stream().map(Op::toString).collect(Collectors.joining(", "));
  }
}
