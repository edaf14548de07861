package io.userflow.jobs.bronze;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * End offsets per topic and partition: the next offset to read, so {@code sum == records} for a topic read
 * from the start. Stored in snapshot summaries as {@code topic/partition:offset,...} (LineageKeys.KAFKA_OFFSETS).
 *
 * @param byTopic topic to partition to end offset, sorted
 */
public record KafkaOffsets(@JsonValue SortedMap<String, SortedMap<Integer, Long>> byTopic) {

  public KafkaOffsets {
    TreeMap<String, SortedMap<Integer, Long>> copy = new TreeMap<>();
    byTopic.forEach((t, parts) -> copy.put(t, Collections.unmodifiableSortedMap(new TreeMap<>(parts))));
    byTopic = Collections.unmodifiableSortedMap(copy);
  }

  public static KafkaOffsets empty() {
    return new KafkaOffsets(new TreeMap<>());
  }

  public static KafkaOffsets of(String topic, Map<Integer, Long> ends) {
    TreeMap<String, SortedMap<Integer, Long>> m = new TreeMap<>();
    m.put(topic, new TreeMap<>(ends));
    return new KafkaOffsets(m);
  }

  /** Parses {@link #format()} output; blank gives empty. */
  public static KafkaOffsets parse(String text) {
    TreeMap<String, SortedMap<Integer, Long>> m = new TreeMap<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        int slash = part.lastIndexOf('/');
        int colon = part.lastIndexOf(':');
        if (slash < 1 || colon < slash + 2) {
          throw new IllegalArgumentException("not topic/partition:offset: '" + part + "' in '" + text + "'");
        }
        m.computeIfAbsent(part.substring(0, slash).trim(), t -> new TreeMap<>())
            .put(Integer.parseInt(part.substring(slash + 1, colon)), Long.parseLong(part.substring(colon + 1)));
      }
    }
    return new KafkaOffsets(m);
  }

  /** Parses the Kafka source's offset JSON from Spark progress: {@code {"topic":{"0":12,"1":5}}}. */
  public static KafkaOffsets fromSparkJson(String json) {
    TreeMap<String, SortedMap<Integer, Long>> m = new TreeMap<>();
    if (json == null || json.isBlank()) {
      return new KafkaOffsets(m);
    }
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> t = topics.next();
        TreeMap<Integer, Long> parts = new TreeMap<>();
        t.getValue().fields().forEachRemaining(p -> parts.put(Integer.parseInt(p.getKey()), p.getValue().asLong()));
        m.put(t.getKey(), parts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kafka offsets JSON: " + json, e);
    }
    return new KafkaOffsets(m);
  }

  public String format() {
    return byTopic.entrySet().stream()
        .flatMap(t -> t.getValue().entrySet().stream().map(p -> t.getKey() + "/" + p.getKey() + ":" + p.getValue()))
        .collect(Collectors.joining(","));
  }

  /** Per partition, the larger end offset of the two. */
  public KafkaOffsets merge(KafkaOffsets other) {
    TreeMap<String, SortedMap<Integer, Long>> m = new TreeMap<>();
    for (KafkaOffsets o : new KafkaOffsets[] {this, other}) {
      o.byTopic.forEach((t, parts) -> parts.forEach((p, off) ->
          m.computeIfAbsent(t, x -> new TreeMap<>()).merge(p, off, Math::max)));
    }
    return new KafkaOffsets(m);
  }

  public SortedMap<Integer, Long> forTopic(String topic) {
    return byTopic.getOrDefault(topic, Collections.emptySortedMap());
  }

  @JsonIgnore
  public boolean isEmpty() {
    return byTopic.isEmpty();
  }

  /** Sum of all end offsets. */
  public long total() {
    return byTopic.values().stream().flatMap(p -> p.values().stream()).mapToLong(Long::longValue).sum();
  }
}
