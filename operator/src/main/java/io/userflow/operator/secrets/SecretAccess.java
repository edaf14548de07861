package io.userflow.operator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.events.EventReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Secrets a pipeline may use: only those labelled {@value ApiGroup#CREDENTIALS_SELECTOR}, so that writing a
 * FeaturePipeline does not give its author (or the hosts its spec names) a Secret they could not read themselves.
 * Pure: the Secrets come through a {@link Lookup} that only ever holds labelled ones (the operator's informer), so
 * a missing Secret and an unlabelled one look the same, and the message names both causes.
 */
public final class SecretAccess {
  /** The opt-in Secrets of one namespace by name; never an unlabelled one. */
  @FunctionalInterface
  public interface Lookup {
    Optional<Secret> find(String name);
  }

  /** Why a pipeline may not run with its Secrets. */
  public record Refusal(EventReason reason, String message) {}

  private SecretAccess() {}

  /** The first reason the pipeline's Secrets cannot be used, or empty when every named key is available. */
  public static Optional<Refusal> check(FeaturePipelineSpec spec, String namespace, Lookup lookup) {
    Set<String> refused = new LinkedHashSet<>();
    List<String> missingKeys = new ArrayList<>();
    for (SecretKeyRefs.Ref ref : SecretKeyRefs.all(spec)) {
      Optional<Secret> secret = lookup.find(ref.secret());
      if (secret.isEmpty()) {
        refused.add(ref.secret() + " (" + ref.field() + ")");
      } else if (raw(secret.get(), ref.key()) == null) {
        missingKeys.add("Secret " + ref.secret() + " has no key " + ref.key() + " (" + ref.field() + ")");
      }
    }
    if (!refused.isEmpty()) {
      return Optional.of(new Refusal(EventReason.SecretNotAllowed, "Secret " + String.join(", ", refused)
          + " in namespace " + namespace + " does not exist or is not labelled " + ApiGroup.CREDENTIALS_SELECTOR
          + "; the operator uses only Secrets with that label. Create it, or have someone who may read it run: "
          + "kubectl label secret -n " + namespace + " <name> " + ApiGroup.CREDENTIALS_SELECTOR));
    }
    if (!missingKeys.isEmpty()) {
      return Optional.of(new Refusal(EventReason.CredentialsNotFound, String.join("; ", missingKeys) + "."));
    }
    return Optional.empty();
  }

  /** The decoded value of {@code key}, or null when the Secret has no such key. */
  public static String value(Secret secret, String key) {
    String encoded = raw(secret, key);
    return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static String raw(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    return data == null ? null : data.get(key);
  }
}
