package io.userflow.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.events.EventReason;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretAccessTest {
  private final FeaturePipelineSpec spec = Fixtures.pipeline("clicks").getSpec();

  private static Secret secret(String name, Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
  }

  @Test
  void aSecretOutsideTheOptInSetIsRefusedNamingItsFieldAndTheLabel() {
    var refusal = SecretAccess.check(spec, "team-a", name -> Optional.empty()).orElseThrow();
    assertThat(refusal.reason()).isEqualTo(EventReason.SecretNotAllowed);
    assertThat(refusal.message()).contains("Secret catalog-credentials (spec.catalog.credentials)",
        "namespace team-a", "userflow.io/credentials=true",
        "kubectl label secret -n team-a <name> userflow.io/credentials=true");
  }

  @Test
  void aMissingKeyIsNamedAndCompleteSecretsPass() {
    Secret partial = secret("catalog-credentials", Map.of("username", "dXNlcg=="));
    var refusal = SecretAccess.check(spec, "team-a", name -> Optional.of(partial)).orElseThrow();
    assertThat(refusal.reason()).isEqualTo(EventReason.CredentialsNotFound);
    assertThat(refusal.message()).isEqualTo(
        "Secret catalog-credentials has no key password (spec.catalog.credentials).");
    Secret full = secret("catalog-credentials", Map.of("username", "dXNlcg==", "password", "c2VjcmV0"));
    assertThat(SecretAccess.check(spec, "team-a", name -> Optional.of(full))).isEmpty();
    assertThat(SecretAccess.value(full, "password")).isEqualTo("secret");
  }

  @Test
  void anIncompleteSpecNamesNoSecret() {
    spec.catalog = null;
    spec.source = null;
    assertThat(SecretKeyRefs.secretNames(spec)).isEmpty();
    assertThat(SecretKeyRefs.secretNames(null)).isEmpty();
  }
}
