package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.spark.SparkApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not part of the suite (failsafe runs *IT only): time from a FeaturePipeline's create call to its
 * streaming SparkApplication arriving on a watch, on the real control plane with the packaged operator running on
 * the chart's ServiceAccount token. One pipeline at a time, {@value #PIPELINES} of them after {@value #WARMUP}
 * unmeasured ones; prints median and p95. Run: {@code ./userflow bench-cluster}.
 */
@ExtendWith(ControlPlaneExtension.class)
class ApplyLatencyBench {
  static final int WARMUP = 3;
  static final int PIPELINES = Integer.getInteger("userflow.bench.pipelines", 30);

  @Test
  void pipelineAppliedToStreamingApplicationCreated(ControlPlane cp) throws Exception {
    RealCluster.installOnce(cp);
    String ns = RealCluster.NAMESPACE;
    Path work = Files.createDirectories(BuildOutputs.target().resolve("bench-work"));
    Map<String, Long> seen = new ConcurrentHashMap<>();
    try (KubernetesClient client = RealCluster.adminClient(cp);
        OperatorProcess operator = new OperatorProcess(cp.serviceAccountKubeconfig(ns,
            RealCluster.OPERATOR_SERVICE_ACCOUNT), ns, Map.of(), work.resolve("operator"))) {
      operator.start();
      SharedIndexInformer<SparkApplication> watch = client.resources(SparkApplication.class).inNamespace(ns)
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(SparkApplication app) {
              seen.putIfAbsent(app.getMetadata().getName(), System.nanoTime());
            }

            @Override
            public void onUpdate(SparkApplication before, SparkApplication after) {}

            @Override
            public void onDelete(SparkApplication app, boolean unknown) {}
          });
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < WARMUP + PIPELINES; i++) {
        FeaturePipeline fp = Serialization.unmarshal(Files.readString(BuildOutputs.repoRoot()
            .resolve("examples/featurepipeline.yaml")), FeaturePipeline.class);
        String name = "bench-" + i;
        fp.getMetadata().setName(name);
        fp.getSpec().catalog.uri = "jdbc:sqlite:" + work.resolve("catalog.db");
        fp.getSpec().catalog.credentials = null;
        fp.getSpec().catalog.storage = null;
        fp.getSpec().catalog.warehouse = "file://" + work.resolve("warehouse");
        fp.getSpec().streaming.checkpointLocation = "file://" + work.resolve("checkpoints/" + name);
        long t0 = System.nanoTime();
        client.resource(fp).create();
        String app = name + "-bronze";
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (!seen.containsKey(app) && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertThat(seen).as("streaming application of %s", name).containsKey(app);
        if (i >= WARMUP) {
          millis.add((seen.get(app) - t0) / 1e6);
        }
      }
      watch.close();
      List<Double> sorted = millis.stream().sorted().toList();
      System.out.printf("apply → streaming SparkApplication on the watch, %d pipelines: median %.1f ms, p95 %.1f ms,"
          + " min %.1f ms, max %.1f ms%n", sorted.size(), percentile(sorted, 50), percentile(sorted, 95),
          sorted.get(0), sorted.get(sorted.size() - 1));
    }
  }

  private static double percentile(List<Double> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, rank));
  }
}
