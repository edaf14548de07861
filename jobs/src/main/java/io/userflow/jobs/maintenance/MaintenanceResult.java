package io.userflow.jobs.maintenance;

import java.util.List;

/**
 * What a maintenance run did.
 *
 * @param tables the tables maintained, in layout order
 * @param missing the layout's and declared groups' tables that do not exist yet and were skipped
 * @param dropped the removed groups' tables dropped, with their files
 */
public record MaintenanceResult(List<TableMaintenance> tables, List<String> missing, List<String> dropped) {
  public MaintenanceResult {
    tables = List.copyOf(tables);
    missing = List.copyOf(missing);
    dropped = List.copyOf(dropped);
  }
}
