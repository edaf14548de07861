package io.userflow.operator.validate;

import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.StreamingSpec;
import io.userflow.operator.config.OperatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the operator lets a FeaturePipeline run, whatever its author writes. The spec names an image, a jar and the
 * driver's ServiceAccount, and every SparkApplication of the pipeline, its Reprocesses and its TrainingSets runs
 * them; so whoever installs the operator, not whoever writes a pipeline, decides which ones may run. Pure.
 *
 * @param imagePrefixes registries or repository prefixes an image must start with, ending at a '/', ':' or '@'
 * @param applicationFilePrefixes URI prefixes a jar may come from besides {@value #LOCAL_FILE} (inside the image)
 * @param serviceAccounts the ServiceAccounts a driver may run as
 * @param operatorServiceAccount the operator's own ServiceAccount: refused even when listed, since a driver running
 *     as it could read every Secret the operator may
 * @param catalogUriPrefixes what spec.catalog.uri must start with (the operator and the jobs connect there with the
 *     opted-in credentials); empty: any
 * @param storageEndpointPrefixes what spec.catalog.storage.endpoint must start with (the object store they send the
 *     S3 keys to); empty: any
 */
public record AllowLists(List<String> imagePrefixes, List<String> applicationFilePrefixes,
    List<String> serviceAccounts, Optional<String> operatorServiceAccount, List<String> catalogUriPrefixes,
    List<String> storageEndpointPrefixes) {
  /** A file inside the image, which the image allow-list already vouches for. */
  public static final String LOCAL_FILE = "local://";

  public AllowLists {
    imagePrefixes = List.copyOf(imagePrefixes);
    applicationFilePrefixes = List.copyOf(applicationFilePrefixes);
    serviceAccounts = List.copyOf(serviceAccounts);
    catalogUriPrefixes = List.copyOf(catalogUriPrefixes);
    storageEndpointPrefixes = List.copyOf(storageEndpointPrefixes);
  }

  /** Images, files and ServiceAccounts only; any catalog and store. */
  public AllowLists(List<String> imagePrefixes, List<String> applicationFilePrefixes, List<String> serviceAccounts,
      Optional<String> operatorServiceAccount) {
    this(imagePrefixes, applicationFilePrefixes, serviceAccounts, operatorServiceAccount, List.of(), List.of());
  }

  public static AllowLists of(OperatorConfig config) {
    return new AllowLists(config.allow().imagePrefixes(), config.allow().applicationFilePrefixes().orElse(List.of()),
        config.allow().serviceAccounts(), config.serviceAccount(), config.allow().catalogUriPrefixes().orElse(List.of()),
        config.allow().storageEndpointPrefixes().orElse(List.of()));
  }

  /** Sentences naming each refused setting, its value and the allow-list (the chart value) it is not on. */
  public List<String> refusals(FeaturePipelineSpec spec) {
    List<String> refused = new ArrayList<>();
    if (spec != null && spec.catalog != null) {
      String uri = spec.catalog.uri;
      if (uri != null && !catalogUriPrefixes.isEmpty()
          && catalogUriPrefixes.stream().noneMatch(prefix -> startsAt(uri, prefix, "/:?"))) {
        refused.add("spec.catalog.uri " + uri + " is not under an allowed prefix (allowList.catalogUriPrefixes: "
            + catalogUriPrefixes + ")");
      }
      String endpoint = spec.catalog.storage == null ? null : spec.catalog.storage.endpoint;
      if (endpoint != null && !storageEndpointPrefixes.isEmpty()
          && storageEndpointPrefixes.stream().noneMatch(prefix -> startsAt(endpoint, prefix, "/:"))) {
        refused.add("spec.catalog.storage.endpoint " + endpoint + " is not an allowed endpoint "
            + "(allowList.storageEndpointPrefixes: " + storageEndpointPrefixes + ")");
      }
    }
    StreamingSpec s = spec == null ? null : spec.streaming;
    if (s == null) {
      return refused; // reported by the validator
    }
    if (s.image != null && imagePrefixes.stream().noneMatch(prefix -> startsAt(s.image, prefix, "/:@"))) {
      refused.add("spec.streaming.image " + s.image + " is not from an allowed registry or prefix (allowList"
          + ".imagePrefixes: " + imagePrefixes + ")");
    }
    if (s.applicationFile != null && !fileAllowed(s.applicationFile)) {
      refused.add("spec.streaming.applicationFile " + s.applicationFile + " is neither " + LOCAL_FILE
          + " nor under an allowed prefix (allowList.applicationFilePrefixes: " + applicationFilePrefixes + ")");
    }
    if (s.serviceAccount != null && operatorServiceAccount.filter(s.serviceAccount::equals).isPresent()) {
      refused.add("spec.streaming.serviceAccount " + s.serviceAccount + " is the operator's own ServiceAccount, "
          + "which no driver may use");
    } else if (s.serviceAccount != null && !serviceAccounts.contains(s.serviceAccount)) {
      refused.add("spec.streaming.serviceAccount " + s.serviceAccount + " is not an allowed ServiceAccount "
          + "(allowList.serviceAccounts: " + serviceAccounts + ")");
    }
    return refused;
  }

  private boolean fileAllowed(String file) {
    if (file.startsWith(LOCAL_FILE)) {
      return true;
    }
    // a ".." segment could leave the allowed directory once the URI is resolved
    return !file.contains("/../") && !file.endsWith("/..")
        && applicationFilePrefixes.stream().anyMatch(prefix -> startsAt(file, prefix, "/"));
  }

  /** {@code value} starts with {@code prefix} and the prefix ends at a boundary, so "ghcr.io/a" is no "ghcr.io/ab". */
  private static boolean startsAt(String value, String prefix, String boundaries) {
    if (prefix.isEmpty() || !value.startsWith(prefix)) {
      return false;
    }
    return value.length() == prefix.length() || boundaries.indexOf(prefix.charAt(prefix.length() - 1)) >= 0
        || boundaries.indexOf(value.charAt(prefix.length())) >= 0;
  }
}
