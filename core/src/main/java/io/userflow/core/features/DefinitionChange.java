package io.userflow.core.features;

/**
 * How a declared feature group's definition compares with the one its table's rows were computed by.
 *
 * @param table the group's table
 * @param kind new, changed or unchanged
 * @param detail what changed, for a person ({@code feature spend: filter changed}); empty when unchanged
 */
public record DefinitionChange(String table, Kind kind, String detail) {
  public enum Kind {
    /** No table yet, or a table without a recorded definition: built from Silver in full. */
    NEW,
    /** The recorded definition differs: the table is rebuilt in full. */
    CHANGED,
    /** Same definition: the table follows the run's incremental plan. */
    UNCHANGED
  }

  public boolean needsRebuild() {
    return kind != Kind.UNCHANGED;
  }

  /** One line for a status message: {@code table shopper_daily (changed: feature spend: filter changed)}. */
  public String describe() {
    return "table " + table + " (" + kind.name().toLowerCase(java.util.Locale.ROOT)
        + (detail.isEmpty() ? "" : ": " + detail) + ")";
  }
}
