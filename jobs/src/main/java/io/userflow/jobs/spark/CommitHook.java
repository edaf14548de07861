package io.userflow.jobs.spark;

/**
 * Told each time a stage passes a {@link CommitBoundary}. Production runs use {@link #NONE}; the crash tests pass
 * one that stops the job's JVM there, to prove the next run repairs what the crash left.
 */
@FunctionalInterface
public interface CommitHook {
  CommitHook NONE = boundary -> {};

  void after(CommitBoundary boundary);
}
