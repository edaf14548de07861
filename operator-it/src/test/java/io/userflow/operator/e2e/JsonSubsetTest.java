package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSubsetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void defaultsTheServerAddsAreFineDroppedOrChangedFieldsAreNot() throws Exception {
    JsonNode written = json("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1,2]},\"e\":null,\"f\":2.0}");
    assertThat(JsonSubset.differences(written, json("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1,2],\"z\":0},\"f\":2}")))
        .isEmpty();
    assertThat(JsonSubset.differences(written, json("{\"a\":1,\"b\":{\"d\":[1]},\"f\":3}")))
        .containsExactly(".b.c (pruned)", ".b.d ([1,2] stored as [1])", ".f (2.0 stored as 3)");
  }
}
