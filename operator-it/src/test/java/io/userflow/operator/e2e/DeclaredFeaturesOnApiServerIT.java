package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanReason;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.EventsSpec;
import io.userflow.operator.api.spec.FeatureSpec;
import io.userflow.operator.api.spec.FeaturesSpec;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A FeaturePipeline that declares its own feature groups ({@code examples/features.yaml} as {@code spec.features}),
 * on the real API server with the packaged operator and the spark-operator stand-in of {@link LocalStack}: a bad
 * definition is refused with the group, feature and position named; a Reprocess writes the declared tables beside the
 * default ones; changing one group on the live pipeline makes the next Reprocess plan {@code DEFINITION_CHANGED} for
 * that table alone, shown by {@code kubectl describe}, and rebuild it without touching the others; the pipeline's
 * status lists the declared tables; a removed group's table stays until a Reprocess's Maintenance stage drops it by
 * name, and a Reprocess naming a table still declared fails before anything runs.
 */
@ExtendWith(ControlPlaneExtension.class)
class DeclaredFeaturesOnApiServerIT {
  static final String PIPELINE = "clicks-features";

  static Kubectl kubectl;
  static KubernetesClient client;
  static Path work;
  static LocalStack stack;
  static ClusterView cluster;
  static Warehouse warehouse;

  @BeforeAll
  static void start(ControlPlane cp) throws IOException {
    RealCluster.installOnce(cp);
    kubectl = cp.kubectl();
    client = RealCluster.adminClient(cp);
    work = Files.createTempDirectory(BuildOutputs.target(), "features-e2e-work-");
    stack = LocalStack.start(cp, client, RealCluster.NAMESPACE, work,
        Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "3s", "USERFLOW_OPERATOR_QUEUE_RECHECK", "1s"));
    cluster = new ClusterView(client, kubectl, RealCluster.NAMESPACE, PIPELINE,
        Files.createDirectories(work.resolve("report")));
  }

  @AfterAll
  static void stop() {
    Closing.closeAll(stack, warehouse, client);
  }

  @Test
  void declaredGroupsAreWrittenAndAChangedOneIsRebuiltAlone() throws Exception {
    FeaturePipeline pipeline = stack.examplePipeline();
    pipeline.getMetadata().setName(PIPELINE);
    pipeline.getSpec().streaming.triggerInterval = "2s";
    pipeline.getSpec().batch.rejectRatioThreshold = 0.5;
    TablesSpec tables = pipeline.getSpec().tables;

    // a typo in a filter: the operator names the group, the feature and the position, and starts nothing
    pipeline.getSpec().events = definition("events", EventsSpec.class);
    pipeline.getSpec().features = features();
    pipeline.getSpec().features.groups.get(0).features.get(0).filter = "event_type = 'purchase' AND prise >= 50";
    assertThat(kubectl.apply(Serialization.asYaml(pipeline)).exitCode()).isZero();
    cluster.awaitPipeline(st -> st.conditions.stream().anyMatch(c -> c.message != null
        && c.message.contains("spec.features: feature group shopper_daily, feature big_purchases, filter at 1:29:"
            + " unknown field prise")), Duration.ofSeconds(60));
    assertThat(client.resources(SparkApplication.class).inNamespace(RealCluster.NAMESPACE)
        .withLabel(ApiGroup.PIPELINE_LABEL, PIPELINE).list().getItems()).as("nothing started").isEmpty();

    pipeline.getSpec().features = features();
    assertThat(kubectl.apply(Serialization.asYaml(pipeline)).exitCode()).isZero();
    cluster.awaitPipeline(st -> st.phase == PipelinePhase.Running, Duration.ofSeconds(90));
    warehouse = new Warehouse(new CatalogSettings(pipeline.getSpec().catalog.name, pipeline.getSpec().catalog.uri,
        pipeline.getSpec().catalog.warehouse, null, null, stack.objectStore.storage()), tables.namespace);

    Simulation simulation = EventSimulator.generate(SimulationOptions.defaults().withSeed(31).withUsers(12)
        .withDuration(Duration.ofDays(3)).withFaults(FaultRates.defaults().toBuilder().duplicate(0.05).build()));
    try (KafkaEventSender sender = new KafkaEventSender(stack.broker.bootstrapServers())) {
      sender.send(LocalStack.TOPIC, simulation.records());
    }
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
        .until(() -> warehouse.totalRecords(tables.bronze) == simulation.size());

    ReprocessStatus first = reprocess("clicks-features-first", "[Silver, Gold]");
    assertThat(first.gold.plan.rebuilds).as("a first Gold run builds every table anyway").hasSize(3);
    String goldApp = cluster.stageApplications("clicks-features-first").stream().filter(n -> n.contains("gold"))
        .findFirst().orElseThrow();
    List<String> args = cluster.application(goldApp).getSpec().arguments;
    assertThat(args).contains(JobOptions.FEATURE_GROUPS);
    assertThat(args.get(args.indexOf(JobOptions.FEATURE_GROUPS) + 1)).contains("\"name\":\"shopper_30d\"", "\"days\":30");
    assertThat(cluster.application(cluster.stageApplications("clicks-features-first").stream()
        .filter(n -> n.contains("silver")).findFirst().orElseThrow()).getSpec().arguments).contains(JobOptions.EVENTS);
    assertThat(warehouse.columns(tables.silver)).as("declared fields are Silver columns").contains("coupon", "discount");
    assertThat(warehouse.columns("shopper_daily")).contains("discounts", "coupons_used");
    for (String table : List.of("shopper_daily", "shopper_30d", "product_daily")) {
      assertThat(warehouse.rows(table)).as("%s has rows", table).isPositive();
      assertThat(warehouse.history(table).current().orElseThrow().summary()).containsKey(LineageKeys.DEFINITION_HASH);
    }
    long shoppers = warehouse.history("shopper_daily").currentSnapshotId();
    long window = warehouse.history("shopper_30d").currentSnapshotId();

    // one group changes on the live pipeline: the next Gold run rebuilds that table alone
    cluster.editPipeline(fp -> {
      FeatureSpec returns = new FeatureSpec();
      returns.name = "searches";
      returns.aggregation = "count";
      returns.filter = "event_type = 'search'";
      fp.getSpec().features.groups.get(2).features.add(returns);
    });
    ReprocessStatus changed = reprocess("clicks-features-changed", "[Gold]");
    assertThat(changed.gold.plan.reason).isEqualTo(PlanReason.DEFINITION_CHANGED);
    assertThat(changed.gold.plan.rebuilds).containsExactly("table product_daily (changed: added searches)");
    String described = cluster.kubectl("describe", "reprocess", "clicks-features-changed");
    assertThat(described).contains("DEFINITION_CHANGED", "table product_daily (changed: added searches)");
    assertThat(warehouse.history("shopper_daily").currentSnapshotId()).as("untouched").isEqualTo(shoppers);
    assertThat(warehouse.history("shopper_30d").currentSnapshotId()).as("untouched").isEqualTo(window);
    assertThat(warehouse.distinct("product_daily", "searches")).as("the new column, filled by the rebuild")
        .isNotEmpty().doesNotContain(java.util.Collections.singletonList(null));
    SparkApplication gold = cluster.application(cluster.stageApplications("clicks-features-changed").get(0));
    assertThat(gold.getSpec().arguments).contains(JobOptions.FEATURE_GROUPS);
    FeaturePipelineStatus listed = cluster.awaitPipeline(st -> st.layers != null && st.layers.declared != null
        && st.layers.declared.size() == 3 && java.util.Objects.equals(st.layers.declared.get(2).currentSnapshotId,
            warehouse.history("product_daily").currentSnapshotId()),
        Duration.ofSeconds(60));
    assertThat(listed.layers.declared).extracting(l -> l.table).containsExactly(tables.namespace + ".shopper_daily",
        tables.namespace + ".shopper_30d", tables.namespace + ".product_daily");
    assertThat(listed.layers.declared.get(0).definitionHash).isEqualTo(warehouse.history("shopper_daily").current()
        .orElseThrow().summary().get(LineageKeys.DEFINITION_HASH));

    // the product group is removed: its table is left as it is until a Reprocess drops it by name
    cluster.editPipeline(fp -> fp.getSpec().features.groups.remove(2));
    cluster.awaitPipeline(st -> st.layers != null && st.layers.declared != null && st.layers.declared.size() == 2,
        Duration.ofSeconds(60));
    long products = warehouse.rows("product_daily");
    assertThat(products).as("a removed group's table stays").isPositive();
    Kubectl.Result noMaintenance = kubectl.apply(reprocessYaml("clicks-features-drop-gold", "[Gold]",
        "dropTables: [product_daily]"));
    assertThat(noMaintenance.exitCode()).as("the CRD's rule").isNotZero();
    assertThat(noMaintenance.err()).contains(ReprocessSpec.DROP_NEEDS_MAINTENANCE);
    assertThat(kubectl.apply(reprocessYaml("clicks-features-drop-live", "[Maintenance]",
        "dropTables: [shopper_daily]")).exitCode()).isZero();
    ReprocessStatus refused = cluster.awaitReprocess("clicks-features-drop-live", st -> st.phase != null
        && st.phase.isTerminal(), Duration.ofSeconds(60));
    assertThat(refused.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(refused.failure.message).contains("spec.dropTables: shopper_daily is the table of a feature group "
        + "the pipeline still declares");
    assertThat(cluster.stageApplications("clicks-features-drop-live")).as("nothing ran").isEmpty();
    assertThat(warehouse.exists("shopper_daily")).isTrue();

    ReprocessStatus dropped = reprocess("clicks-features-drop", "[Maintenance]", "dropTables: [product_daily]");
    assertThat(dropped.maintenance).isNotNull();
    assertThat(warehouse.exists("product_daily")).as("dropped by the Maintenance stage").isFalse();
    assertThat(warehouse.exists("shopper_daily")).isTrue();
    assertThat(cluster.application(cluster.stageApplications("clicks-features-drop").get(0)).getSpec().arguments)
        .containsSubsequence(JobOptions.DROP_TABLES, "product_daily");
  }

  private ReprocessStatus reprocess(String name, String stages) {
    return reprocess(name, stages, "");
  }

  private ReprocessStatus reprocess(String name, String stages, String more) {
    assertThat(kubectl.apply(reprocessYaml(name, stages, more)).exitCode()).isZero();
    Kubectl.Result waited = cluster.waitFor(name, "Succeeded", Duration.ofSeconds(300));
    assertThat(waited.exitCode()).as(waited.err() + "\n" + waited.out()).isZero();
    ReprocessStatus s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);
    return s;
  }

  private static String reprocessYaml(String name, String stages, String more) {
    return """
        apiVersion: userflow.io/v1alpha1
        kind: Reprocess
        metadata: {name: %s, namespace: %s}
        spec: {pipelineRef: %s, stages: %s, mode: Auto, retryLimit: 0%s}
        """.formatted(name, RealCluster.NAMESPACE, PIPELINE, stages, more.isEmpty() ? "" : ", " + more);
  }

  /** The groups: of examples/features.yaml as spec.features. */
  private static FeaturesSpec features() throws IOException {
    FeaturesSpec spec = new FeaturesSpec();
    spec.groups = List.of(definition("groups", io.userflow.operator.api.spec.FeatureGroupSpec[].class));
    spec.groups = new java.util.ArrayList<>(spec.groups);
    return spec;
  }

  /** One section of examples/features.yaml as the CRD's type. */
  private static <T> T definition(String section, Class<T> type) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    return yaml.treeToValue(yaml.readTree(Files.readString(BuildOutputs.repoRoot().resolve("examples")
        .resolve("features.yaml"))).get(section), type);
  }
}
