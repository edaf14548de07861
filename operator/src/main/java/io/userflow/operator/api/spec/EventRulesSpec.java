package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Silver's range and size rules for this pipeline. Each field left out keeps the Silver job's default (listed in
 * docs/EVENTS.md), so the defaults live in one place: the job.
 */
public class EventRulesSpec {
  /** Reject events whose time lies more than this many days before the record's Kafka timestamp; 0: no limit. */
  @Min(0)
  @Max(36500)
  @JsonPropertyDescription("Reject events more than this many days older than their Kafka timestamp; 0 allows any age (job default 365).")
  public Integer maxEventAgeDays;

  /** Reject events before this UTC instant. */
  @Pattern(Patterns.INSTANT)
  @JsonPropertyDescription("Reject events before this UTC instant, e.g. 2015-01-01T00:00:00Z; 1900-01-01 at the earliest (job default 2000-01-01).")
  public String eventTimeFloor;

  /** Reject events whose time lies more than this many minutes after the record's Kafka timestamp. */
  @Min(0)
  @Max(10080)
  @JsonPropertyDescription("Reject events more than this many minutes after their Kafka timestamp (job default 5).")
  public Integer maxFutureSkewMinutes;

  /** Highest price accepted, as a decimal string. */
  @Pattern(Patterns.PRICE)
  @JsonPropertyDescription("Highest price accepted, a decimal up to 99999999999999.9999 (job default 1000000).")
  public String maxPrice;

  /** Highest quantity accepted. */
  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("Highest quantity accepted (job default 10000).")
  public Integer maxQuantity;

  /** Longest record value accepted, in bytes. */
  @Min(64)
  @Max(16777216)
  @JsonPropertyDescription("Longest record value accepted, in bytes (job default 65536).")
  public Integer maxRecordBytes;

  /** Longest id field accepted, in characters. */
  @Min(1)
  @Max(65536)
  @JsonPropertyDescription("Longest event_id, user_id, product_id or session_hint, in characters (job default 128).")
  public Integer maxIdLength;

  /** Longest free-text field accepted, in characters. */
  @Min(1)
  @Max(1048576)
  @JsonPropertyDescription("Longest page or referrer, in characters (job default 2048).")
  public Integer maxTextLength;
}
