package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The pipeline's event declaration (docs/EVENTS.md, "Declaring event fields"): the fields Silver keeps beyond its own
 * columns, and the accepted event types. The same shape as the {@code events:} of a definition file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventsSpec {
  @Size(max = 100)
  @JsonPropertyDescription("Fields Silver validates and keeps as typed columns after its own, in order.")
  public List<EventFieldSpec> fields;

  @Size(min = 1, max = 200)
  @JsonPropertyDescription("The accepted values of event_type; absent: today's eight.")
  public List<String> types;
}
