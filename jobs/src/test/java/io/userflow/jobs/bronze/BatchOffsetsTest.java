package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchOffsetsTest {
  @Test
  void readsTheKafkaSourcesEndsFromAnOffsetLogEntry() {
    KafkaOffsets offsets = BatchOffsets.parse(List.of("v1",
        "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1796176628828,\"conf\":{\"spark.sql.shuffle.partitions\":\"4\"}}",
        "{\"events\":{\"1\":250241,\"0\":249757}}"), "offsets/1");
    assertThat(offsets.format()).isEqualTo("events/0:249757,events/1:250241");
  }

  @Test
  void refusesAnotherVersionOrMoreThanOneSource() {
    assertThatThrownBy(() -> BatchOffsets.parse(List.of("v2", "{}", "{\"events\":{\"0\":1}}"), "offsets/3"))
        .hasMessageContaining("offsets/3 is not a v1 offset log entry");
    assertThatThrownBy(() -> BatchOffsets.parse(List.of("v1", "{}", "{\"a\":{\"0\":1}}", "{\"b\":{\"0\":1}}"), "offsets/3"))
        .hasMessageContaining("of one source");
    assertThatThrownBy(() -> BatchOffsets.parse(List.of("v1", "{}", "{}"), "offsets/3"))
        .hasMessageContaining("holds no Kafka offsets");
  }
}
