package io.userflow.core.planner;

import io.userflow.core.contract.JobOptions;

/**
 * What a run asks the planner for.
 *
 * @param requested Auto, Incremental or Full
 * @param transformVersion version of the transform code that will run
 * @param fullRebuildShare in AUTO, choose FULL when new records exceed this share of the source table (0..1]
 * @param range optional event-date range (backfill); null for none
 */
public record PlanRequest(RequestedMode requested, String transformVersion, double fullRebuildShare, DateRange range) {


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
    return new PlanRequest(RequestedMode.AUTO, transformVersion, JobOptions.FULL_REBUILD_SHARE_DEFAULT, null);
  }
}
