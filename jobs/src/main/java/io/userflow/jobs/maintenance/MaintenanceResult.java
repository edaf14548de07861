package io.userflow.jobs.maintenance;

import java.util.List;

/**
 * What a maintenance run did.
 *
 * @param tables the tables maintained, in layout order
 * @param missing the layout's tables that do not exist yet and were skipped
 */
public record MaintenanceResult(List<TableMaintenance> tables, List<String> missing) {
  public MaintenanceResult {
    tables = List.copyOf(tables);
    missing = List.copyOf(missing);
  }
}
