package io.userflow.jobs.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What maintenance did to one table.
 *
 * @param table table name
 * @param dataFilesBefore data files in the current snapshot before
 * @param dataFilesAfter data files in the current snapshot after
 * @param rewrittenDataFiles data files rewrite_data_files replaced
 * @param addedDataFiles data files it wrote in their place
 * @param deleteFilesBefore position-delete files in the current snapshot before
 * @param deleteFilesAfter position-delete files in the current snapshot after
 * @param rewrittenDeleteFiles delete files rewrite_position_delete_files replaced (with the dangling ones
 *     rewrite_data_files removed)
 * @param addedDeleteFiles delete files it wrote in their place
 * @param snapshotsBefore retained snapshots before
 * @param snapshotsAfter retained snapshots after
 * @param expiredSnapshots snapshots expire_snapshots removed
 * @param deletedFiles data, delete and metadata files expiry deleted
 * @param expiredOlderThan the expiry cut-off
 * @param kept the snapshots kept for lineage, each with why
 * @param removedBranches leftover audit branches removed before the expiry
 */
public record TableMaintenance(String table, long dataFilesBefore, long dataFilesAfter, int rewrittenDataFiles,
    int addedDataFiles, long deleteFilesBefore, long deleteFilesAfter, int rewrittenDeleteFiles, int addedDeleteFiles,
    int snapshotsBefore, int snapshotsAfter, int expiredSnapshots, long deletedFiles, Instant expiredOlderThan,
    Map<Long, String> kept, List<String> removedBranches) {

  /** One progress line, as the job prints it per table. */
  public String describe() {
    return String.format("%s: data files %d -> %d (%d rewritten into %d), delete files %d -> %d (%d rewritten into %d),"
            + " snapshots %d -> %d (%d expired before %s, %d files deleted; kept for lineage: %s), leftover audit"
            + " branches removed: %s", table,
        dataFilesBefore, dataFilesAfter, rewrittenDataFiles, addedDataFiles, deleteFilesBefore, deleteFilesAfter,
        rewrittenDeleteFiles, addedDeleteFiles, snapshotsBefore, snapshotsAfter, expiredSnapshots, expiredOlderThan,
        deletedFiles, kept.isEmpty() ? "none" : kept, removedBranches.isEmpty() ? "none" : removedBranches);
  }
}
