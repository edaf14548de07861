package io.userflow.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.userflow.core.planner.RunPlan;
import io.userflow.operator.events.EventReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Prometheus metrics: reconciliations, failures, plan modes, pipeline lag. */
@ApplicationScoped
public class OperatorMetrics {
  private static final String LAG = "userflow.pipeline.lag.snapshots";
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> lags = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void reconciled(String kind) {
    registry.counter("userflow.reconciliations", "kind", kind).increment();
  }

  public void failed(String kind, EventReason reason) {
    registry.counter("userflow.reconcile.failures", "kind", kind, "reason", reason.name()).increment();
  }

  public void planned(RunPlan plan) {
    registry.counter("userflow.plans", "mode", plan.mode().name(), "reason", plan.reason().name()).increment();
  }

  /** Removes the lag gauges of a deleted pipeline, so Prometheus no longer reports its last value. */
  public void forget(String namespace, String pipeline) {
    lags.keySet().removeIf(key -> key.startsWith(namespace + "/" + pipeline + "/"));
    registry.find(LAG).tags("namespace", namespace, "pipeline", pipeline).gauges().forEach(registry::remove);
  }

  /** Source snapshots a layer has not processed yet. */
  public void lag(String namespace, String pipeline, String layer, Integer snapshots) {
    if (snapshots == null) {
      return;
    }
    lags.computeIfAbsent(namespace + "/" + pipeline + "/" + layer, key -> registry.gauge(
        LAG, Tags.of("namespace", namespace, "pipeline", pipeline, "layer", layer),
        new AtomicInteger())).set(snapshots);
  }
}
