package io.userflow.operator.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.userflow.controlplane.Kubectl;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a user does against the real API server: kubectl for wait, annotate, get and describe (what it prints is
 * what is asserted), the admin's fabric8 client to read typed status and edit specs.
 */
final class ClusterView {
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private final String namespace;
  private final String pipelineName;
  private final Path report;

  ClusterView(KubernetesClient client, Kubectl kubectl, String namespace, String pipelineName, Path report) {
    this.client = client;
    this.kubectl = kubectl;
    this.namespace = namespace;
    this.pipelineName = pipelineName;
    this.report = report;
  }

  FeaturePipelineStatus awaitPipeline(Predicate<FeaturePipelineStatus> condition, Duration timeout) {
    String name = pipelineName;
    await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
      FeaturePipeline fp = client.resources(FeaturePipeline.class).inNamespace(namespace).withName(name).get();
      return fp != null && fp.getStatus() != null && condition.test(fp.getStatus());
    });
    return client.resources(FeaturePipeline.class).inNamespace(namespace).withName(name).get().getStatus();
  }

  ReprocessStatus awaitReprocess(String name, Predicate<ReprocessStatus> condition,
      Duration timeout) {
    String[] last = {null};
    await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
      Reprocess rp = client.resources(Reprocess.class).inNamespace(namespace).withName(name).get();
      ReprocessStatus s = rp == null ? null : rp.getStatus();
      String phase = s == null || s.phase == null ? null : s.phase.name();
      if (phase != null && !phase.equals(last[0])) {
        Progress.say("reprocess %s: %s", name, phase);
        last[0] = phase;
      }
      return s != null && s.phase != null && condition.test(s);
    });
    return client.resources(Reprocess.class).inNamespace(namespace).withName(name).get().getStatus();
  }

  void editPipeline(Consumer<FeaturePipeline> change) {
    client.resources(FeaturePipeline.class).inNamespace(namespace).withName(pipelineName)
        .edit(fp -> {
          change.accept(fp);
          return fp;
        });
  }

  void annotate(String reprocess, String key, String value) {
    Progress.say("kubectl annotate reprocess %s %s=%s", reprocess, key, value);
    kubectl.ok("annotate", "-n", namespace, "reprocess", reprocess, key + "=" + value, "--overwrite");
  }

  /** {@code kubectl wait --for=condition=TYPE rp/NAME}: its exit code and what it printed. */
  Kubectl.Result waitFor(String reprocess, String condition, Duration timeout) {
    Progress.say("kubectl wait --for=condition=%s rp/%s --timeout=%ds", condition, reprocess, timeout.toSeconds());
    return kubectl.run("wait", "-n", namespace, "--for=condition=" + condition, "rp/" + reprocess,
        "--timeout=" + timeout.toSeconds() + "s");
  }

  String kubectl(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("-n", namespace));
    all.addAll(List.of(args));
    return kubectl.ok(all.toArray(String[]::new));
  }

  /** Names of the SparkApplications a Reprocess owns (by its label). */
  List<String> stageApplications(String reprocess) {
    return client.resources(SparkApplication.class).inNamespace(namespace)
        .withLabel(ApiGroup.REPROCESS_LABEL, reprocess).list().getItems().stream()
        .map(a -> a.getMetadata().getName()).toList();
  }

  /** {@code kubectl get rp NAME -o yaml} and {@code kubectl describe rp NAME} into target/e2e-report; returns the latter. */
  String writeReport(String outcome, String name) throws IOException {
    String base = name + "-" + outcome;
    Files.writeString(report.resolve(base + ".yaml"), kubectl("get", "reprocess", name, "-o", "yaml"));
    String describe = kubectl("describe", "reprocess", name);
    Files.writeString(report.resolve(base + ".describe.txt"), describe);
    Progress.say("wrote %s.yaml and %s.describe.txt", base, base);
    return describe;
  }

  SparkApplication application(String name) {
    return client.resources(SparkApplication.class).inNamespace(namespace).withName(name).get();
  }

  List<Event> events(Class<?> kind, String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())
            && kind.getSimpleName().equals(e.getInvolvedObject().getKind()))
        // the API server keeps whole seconds of firstTimestamp; its resourceVersion (etcd's revision) orders ties
        .sorted(Comparator.comparing((Event e) -> Instant.parse(e.getFirstTimestamp()))
            .thenComparing(e -> Long.parseLong(e.getMetadata().getResourceVersion()))).toList();
  }

  List<String> reasons(Class<?> kind, String name) {
    return events(kind, name).stream().map(Event::getReason).toList();
  }
}
