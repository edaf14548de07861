package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.userflow.core.contract.JobOptions;

/**
 * Silver's range and size rules for this pipeline. Each field left out keeps the Silver job's default (listed in
 * docs/EVENTS.md), so the defaults live in one place: core's {@link JobOptions}, which the descriptions quote.
 */
public class EventRulesSpec {
  @Min(0)
  @Max(36500)
  @JsonPropertyDescription("Reject events more than this many days older than their Kafka timestamp; 0 allows any age"
      + " (job default " + JobOptions.MAX_EVENT_AGE_DAYS_DEFAULT + ").")
  public Integer maxEventAgeDays;

  @Pattern(Patterns.INSTANT)
  @JsonPropertyDescription("Reject events before this UTC instant, e.g. 2015-01-01T00:00:00Z; 1900-01-01 at the"
      + " earliest (job default " + JobOptions.EVENT_TIME_FLOOR_DEFAULT + ").")
  public String eventTimeFloor;

  @Min(0)
  @Max(10080)
  @JsonPropertyDescription("Reject events more than this many minutes after their Kafka timestamp (job default "
      + JobOptions.MAX_FUTURE_SKEW_MINUTES_DEFAULT + ").")
  public Integer maxFutureSkewMinutes;

  @Pattern(Patterns.PRICE)
  @JsonPropertyDescription("Highest price accepted, a decimal up to 99999999999999.9999 (job default "
      + JobOptions.MAX_PRICE_DEFAULT + ").")
  public String maxPrice;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("Highest quantity accepted (job default " + JobOptions.MAX_QUANTITY_DEFAULT + ").")
  public Integer maxQuantity;

  @Min(64)
  @Max(16777216)
  @JsonPropertyDescription("Longest record value accepted, in bytes (job default "
      + JobOptions.MAX_RECORD_BYTES_DEFAULT + ").")
  public Integer maxRecordBytes;

  @Min(1)
  @Max(65536)
  @JsonPropertyDescription("Longest event_id, user_id, product_id or session_hint, in characters (job default "
      + JobOptions.MAX_ID_LENGTH_DEFAULT + ").")
  public Integer maxIdLength;

  @Min(1)
  @Max(1048576)
  @JsonPropertyDescription("Longest page or referrer, in characters (job default "
      + JobOptions.MAX_TEXT_LENGTH_DEFAULT + ").")
  public Integer maxTextLength;
}
