package io.userflow.core.planner;

/**
 * What a run asks the planner for.
 *
 * @param requested Auto, Incremental or Full
 * @param transformVersion version of the transform code that will run
 * @param fullRebuildShare in AUTO, choose FULL when new records exceed this share of the source table (0..1]
 * @param range optional event-date range (backfill); null for none
 */
public record PlanRequest(RequestedMode requested, String transformVersion, double fullRebuildShare, DateRange range) {

  public static final double DEFAULT_FULL_REBUILD_SHARE = 0.5;

  public PlanRequest {
    if (requested == null) {
      throw new IllegalArgumentException("requested mode is required");
    }
    if (transformVersion == null || transformVersion.isBlank()) {
      throw new IllegalArgumentException("transform version is required");
    }
    if (!(fullRebuildShare > 0 && fullRebuildShare <= 1)) {
      throw new IllegalArgumentException("fullRebuildShare must be in (0, 1], got " + fullRebuildShare);
    }
  }

  public static PlanRequest auto(String transformVersion) {
    return new PlanRequest(RequestedMode.AUTO, transformVersion, DEFAULT_FULL_REBUILD_SHARE, null);
  }
}
