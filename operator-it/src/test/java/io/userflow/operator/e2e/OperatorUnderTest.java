package io.userflow.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userflow.operator.MockCrds;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.iceberg.IcebergTableMetadataService;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.rbac.OperatorApiCalls;
import io.userflow.operator.reconciler.FeaturePipelineReconciler;
import io.userflow.operator.reconciler.PipelineTables;
import io.userflow.operator.reconciler.ReprocessReconciler;
import io.userflow.operator.spark.SparkApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The operator as the Quarkus app wires it, minus Quarkus: both reconcilers in a JOSDK {@link Operator}, reading the
 * real Iceberg catalog through {@link IcebergTableMetadataService}. The mock API server gets the CRDs from crds/ and
 * a stand-in for the spark-operator chart's SparkApplication CRD.
 */
final class OperatorUnderTest implements AutoCloseable {
  /** Short enough that the pipeline's table facts follow the jobs within the test. */
  static final Duration PIPELINE_RESYNC = Duration.ofSeconds(3);

  private final Operator operator;

  OperatorUnderTest(KubernetesClient testClient, String namespace, Path crds) {
    showWarnings();
    MockCrds.install(testClient, crds);
    // the operator's own client, told apart on the mock API server by its User-Agent (OperatorApiCalls)
    KubernetesClient client = OperatorApiCalls.client(testClient);
    OperatorConfig config = new OperatorConfig() {
      @Override
      public Duration pipelineResync() {
        return PIPELINE_RESYNC;
      }

      @Override
      public Duration queueRecheck() {
        return Duration.ofSeconds(1);
      }
    };
    Clock clock = Clock.systemUTC();
    PipelineTables tables = new PipelineTables(client, new IcebergTableMetadataService());
    EventRecorder events = new EventRecorder(client, clock);
    OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
    // the mock API server does not implement server-side apply
    operator = new Operator(o -> o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(true));
    // one watched namespace, as the chart deploys it by default
    operator.register(new FeaturePipelineReconciler(client, tables, events, metrics, config, clock),
        o -> o.settingNamespace(namespace));
    operator.register(new ReprocessReconciler(client, tables, events, metrics, config, clock),
        o -> o.settingNamespace(namespace));
    operator.start();
  }

  /**
   * Quarkus' initial log configurator holds every record until Quarkus configures logging, which never happens here;
   * a handler of our own shows the operator's warnings and errors (reconcile failures among them) on stderr.
   */
  static void showWarnings() {
    Handler handler = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
        new PatternFormatter("%d{HH:mm:ss} %-5p [%c{1.}] %s%e%n"));
    handler.setLevel(Level.WARNING);
    Logger.getLogger("").addHandler(handler);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
