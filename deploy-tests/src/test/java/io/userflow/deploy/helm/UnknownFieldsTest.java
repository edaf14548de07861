package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The unknown-field check itself: misspelt or misplaced fields are reported, mistyped ones fail to parse. */
class UnknownFieldsTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        selector:
          matchLabels: {app: demo}
        template:
          metadata:
            labels: {app: demo}
          spec:
            containers:
              - name: demo
                image: demo:1
                securityContext:
                  %s
      """;

  @Test
  void acceptsAWellFormedObject() {
    assertThat(unknownIn("runAsNonRoot: true")).isEmpty();
  }

  @Test
  void reportsAMisspeltFieldWithItsPath() {
    assertThat(unknownIn("runAsNonroot: true"))
        .containsExactly("spec.template.spec.containers[0].securityContext.runAsNonroot");
  }

  @Test
  void aMistypedFieldFailsToParse() {
    assertThatThrownBy(() -> unknownIn("capabilities: ALL")).hasMessageContaining("Capabilities");
  }

  private static List<String> unknownIn(String securityContextLine) {
    RenderedObjects.Rendered rendered = RenderedObjects.parse(DEPLOYMENT.formatted(securityContextLine)).get(0);
    assertThat(rendered.model()).isNotNull();
    return UnknownFields.in(rendered.model());
  }
}
