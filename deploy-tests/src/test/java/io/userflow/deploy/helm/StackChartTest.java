package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.userflow.deploy.RepoPaths;
import io.userflow.deploy.helm.RenderedObjects.Rendered;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kind stack (helm/userflow-stack, whose values are the kind setup) lints strictly and renders a
 * consistent, hardened stack; rendered with the spark-operator dependency disabled, since it cannot be
 * downloaded here (see {@link StackChartCopy}).
 */
class StackChartTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> NO_SPARK_OPERATOR = Map.of("spark-operator.enabled", false);

  @TempDir static Path tempDir;
  private static Path chart;
  private static List<Rendered> objects;

  @BeforeAll
  static void render() {
    chart = StackChartCopy.create(tempDir);
    objects = RenderedObjects.parse(Charts.template(chart, NO_SPARK_OPERATOR));
  }

  @Test
  void lintsStrictly() {
    LintResult result = Charts.lintStrict(chart);
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersTheOperatorAndEveryComponent() {
    assertThat(objects).extracting(o -> o.kind() + "/" + o.name()).contains(
        "Deployment/userflow", "StatefulSet/userflow-kafka", "StatefulSet/userflow-postgres",
        "StatefulSet/userflow-s3", "Service/userflow-s3", "Deployment/userflow-trino", "Deployment/userflow-grafana",
        "FeaturePipeline/clickstream");
    assertThat(objects).as("the bucket is a folder made by the S3 server's init container, not a Job")
        .noneMatch(o -> o.kind().equals("Job"));
    assertThat(objects).extracting(o -> o.kind() + "/" + o.name()).doesNotHaveDuplicates();
  }

  @Test
  void everyBuiltInObjectIsItsModelTypeWithNoUnknownField() {
    for (Rendered o : objects) {
      if (o.apiVersion().startsWith("userflow.io/")) {
        continue; // custom resources: checked against their CRD schema in CustomResourceSchemaTest
      }
      assertThat(o.model()).as("fabric8 model type of %s", o.describe()).isNotNull();
      assertThat(UnknownFields.in(o.model())).as("unknown fields of %s", o.describe()).isEmpty();
    }
  }

  @Test
  void noTemplateOrValueNamesMinioWhoseImagesWereWithdrawn() throws Exception {
    List<Path> files;
    try (var walk = Files.walk(RepoPaths.stackChart())) {
      files = walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(RepoPaths.stackChart().resolve("charts")))
          .toList();
    }
    assertThat(files).extracting(f -> RepoPaths.stackChart().relativize(f).toString())
        .contains("templates/s3.yaml", "values.yaml", "values.schema.json");
    for (Path f : files) {
      assertThat(Files.readString(f).toLowerCase(java.util.Locale.ROOT)).as("%s", f).doesNotContain("minio");
    }
    assertThat(objects).allSatisfy(o -> assertThat(YAML.writeValueAsString(o.raw()).toLowerCase(java.util.Locale.ROOT))
        .as("%s", o.describe()).doesNotContain("minio"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theS3ServerIsS3ProxyOnItsPinnedImageWithTheBucketAsAFolder() throws Exception {
    Map<String, Object> values = YAML.readValue(RepoPaths.stackChart().resolve("values.yaml").toFile(), Map.class);
    Map<String, Object> s3 = (Map<String, Object>) values.get("s3");
    String image = (String) s3.get("image");
    assertThat(image).as("pinned S3Proxy release").matches("andrewgaul/s3proxy:\\d+\\.\\d+\\.\\d+");

    StatefulSet server = RenderedObjects.ofType(objects, StatefulSet.class).stream()
        .filter(s -> s.getMetadata().getName().equals("userflow-s3")).findFirst().orElseThrow();
    PodSpec pod = server.getSpec().getTemplate().getSpec();
    Container proxy = pod.getContainers().get(0);
    assertThat(pod.getContainers()).singleElement().extracting(Container::getImage).isEqualTo(image);
    assertThat(proxy.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
        org.assertj.core.groups.Tuple.tuple("JCLOUDS_PROVIDER", "filesystem-nio2"),
        org.assertj.core.groups.Tuple.tuple("JCLOUDS_FILESYSTEM_BASEDIR", "/data"),
        org.assertj.core.groups.Tuple.tuple("S3PROXY_ENDPOINT", "http://0.0.0.0:9000"));
    assertThat(proxy.getEnv()).filteredOn(e -> e.getName().equals("S3PROXY_IDENTITY")
        || e.getName().equals("S3PROXY_CREDENTIAL")).extracting(e -> e.getValueFrom().getSecretKeyRef().getName())
        .containsExactly("userflow-s3", "userflow-s3");
    assertThat(proxy.getReadinessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("s3");
    assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
      assertThat(init.getImage()).isEqualTo(image);
      assertThat(init.getCommand()).containsExactly("mkdir", "-p", "/data/" + s3.get("bucket"));
    });
    assertThat(server.getSpec().getVolumeClaimTemplates()).singleElement()
        .satisfies(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo("data"));

    Service service = RenderedObjects.ofType(objects, Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals("userflow-s3")).findFirst().orElseThrow();
    assertThat(service.getSpec().getPorts()).singleElement().extracting(ServicePort::getPort).isEqualTo(9000);
    assertThat(server.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(proxy.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9000));
  }

  @Test
  void everyContainerIsHardened() {
    Map<String, PodSpec> pods = PodSpecs.of(objects);
    assertThat(pods.keySet()).hasSize(6);
    pods.forEach((workload, pod) -> {
      for (Container c : PodSpecs.allContainers(pod)) {
        assertThat(PodSpecs.hardeningGaps(pod, c)).as("%s container %s", workload, c.getName()).isEmpty();
        assertThat(c.getImage()).as("%s pins its image tag", workload).matches(".+:[A-Za-z0-9._-]+$")
            .doesNotEndWith(":latest");
      }
      if (!workload.equals("Deployment/userflow")) {
        assertThat(pod.getAutomountServiceAccountToken()).as("%s needs no API token", workload).isFalse();
      }
    });
  }

  @Test
  void everyReferencedSecretKeyIsRendered() {
    Map<String, Set<String>> secrets = new java.util.HashMap<>();
    for (Secret s : RenderedObjects.ofType(objects, Secret.class)) {
      secrets.put(s.getMetadata().getName(), s.getStringData().keySet());
    }
    PodSpecs.of(objects).forEach((workload, pod) -> {
      for (Container c : PodSpecs.allContainers(pod)) {
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            assertThat(secrets).as("%s env %s", workload, e.getName()).containsKey(ref.getName());
            assertThat(secrets.get(ref.getName())).as("%s env %s", workload, e.getName()).contains(ref.getKey());
          }
        }
        for (EnvFromSource f : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
          assertThat(secrets).as("%s envFrom", workload).containsKey(f.getSecretRef().getName());
        }
      }
    });
  }

  @Test
  void trinoServesTheSparkCatalogFromPostgresAndS3() throws Exception {
    ConfigMap cm = configMap("userflow-trino-catalog");
    assertThat(cm.getData()).containsOnlyKeys("userflow.properties");
    Properties p = new Properties();
    p.load(new StringReader(cm.getData().get("userflow.properties")));

    assertThat(p).containsEntry("connector.name", "iceberg")
        .containsEntry("iceberg.catalog.type", "jdbc")
        // Must equal Spark's catalog name: TableLayout.DEFAULT_CATALOG in core.
        .containsEntry("iceberg.jdbc-catalog.catalog-name", "userflow")
        .containsEntry("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver")
        .containsEntry("iceberg.jdbc-catalog.connection-url", "jdbc:postgresql://userflow-postgres.userflow.svc:5432/iceberg")
        .containsEntry("iceberg.jdbc-catalog.default-warehouse-dir", "s3a://warehouse/")
        .containsEntry("fs.native-s3.enabled", "true")
        .containsEntry("s3.endpoint", "http://userflow-s3.userflow.svc:9000")
        .containsEntry("s3.path-style-access", "true");
    // Credentials only by reference to the container environment.
    for (String key : List.of("iceberg.jdbc-catalog.connection-user", "iceberg.jdbc-catalog.connection-password",
        "s3.aws-access-key", "s3.aws-secret-key")) {
      assertThat(p.getProperty(key)).as(key).matches("\\$\\{ENV:[A-Z_]+}");
    }
    Container trino = deployment("userflow-trino").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(trino.getImage()).isEqualTo("trinodb/trino:476");
    assertThat(trino.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/trino/catalog"));
  }

  @Test
  void withARestCatalogTrinoReadsThroughTheServerWithItsOAuth2CredentialAndNoS3KeysWhenVended() throws Exception {
    Map<String, Object> sets = new java.util.HashMap<>(NO_SPARK_OPERATOR);
    sets.putAll(Map.of("catalog.type", "rest", "catalog.rest.uri", "http://polaris.userflow.svc:8181/api/catalog",
        "catalog.rest.warehouse", "analytics", "catalog.rest.credentialSecret", "polaris-client",
        "catalog.rest.oauth2ServerUri", "http://polaris.userflow.svc:8181/api/catalog/v1/oauth/tokens",
        "catalog.rest.vendedCredentials", true));
    List<Rendered> rest = RenderedObjects.parse(Charts.template(chart, sets));
    Properties p = new Properties();
    p.load(new StringReader(configMap(rest, "userflow-trino-catalog").getData().get("userflow.properties")));
    assertThat(p).containsEntry("iceberg.catalog.type", "rest")
        .containsEntry("iceberg.rest-catalog.uri", "http://polaris.userflow.svc:8181/api/catalog")
        .containsEntry("iceberg.rest-catalog.warehouse", "analytics")
        .containsEntry("iceberg.rest-catalog.security", "OAUTH2")
        .containsEntry("iceberg.rest-catalog.oauth2.credential", "${ENV:CATALOG_CREDENTIAL}")
        .containsEntry("iceberg.rest-catalog.oauth2.server-uri",
            "http://polaris.userflow.svc:8181/api/catalog/v1/oauth/tokens")
        .containsEntry("iceberg.rest-catalog.vended-credentials-enabled", "true")
        .doesNotContainKeys("iceberg.jdbc-catalog.connection-url", "iceberg.rest-catalog.prefix", "s3.aws-access-key",
            "s3.aws-secret-key");
    Container trino = deployment(rest, "userflow-trino").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(trino.getEnv()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("CATALOG_CREDENTIAL");
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("polaris-client");
      assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("credential");
    });
    assertThat(trino.getEnvFrom()).as("no S3 keys beside vended credentials").isNullOrEmpty();
    assertThat(rest).as("the example pipeline writes to the stack's JDBC catalog: not rendered")
        .noneMatch(o -> o.kind().equals("FeaturePipeline"));

    sets.put("catalog.rest.vendedCredentials", false);
    p.clear();
    p.load(new StringReader(configMap(RenderedObjects.parse(Charts.template(chart, sets)), "userflow-trino-catalog")
        .getData().get("userflow.properties")));
    assertThat(p).containsEntry("iceberg.rest-catalog.vended-credentials-enabled", "false")
        .containsEntry("s3.aws-access-key", "${ENV:AWS_ACCESS_KEY_ID}");
    sets.remove("catalog.rest.uri");
    assertThatThrownBy(() -> Charts.template(chart, sets)).as("type rest needs the server's uri")
        .hasMessageContaining("uri");
  }

  @Test
  void everyInClusterHostNamesARenderedServicePort() {
    Set<String> endpoints = new TreeSet<>();
    for (Service s : RenderedObjects.ofType(objects, Service.class)) {
      for (ServicePort port : s.getSpec().getPorts()) {
        endpoints.add(s.getMetadata().getName() + "." + Charts.NAMESPACE + ".svc:" + port.getPort());
      }
    }
    String rendered = String.join("\n", objects.stream().map(o -> RenderedObjects.asMap(o.raw()).toString()).toList());
    Matcher m = Pattern.compile("([a-z0-9-]+\\.[a-z0-9-]+\\.svc:\\d+)").matcher(rendered);
    List<String> used = new ArrayList<>();
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).isNotEmpty();
    assertThat(endpoints).containsAll(used);
  }

  @Test
  void trinoAndGrafanaNodePortsMatchKindPortMappings() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> kind = YAML.readValue(RepoPaths.root().resolve("kind-config.yaml").toFile(), Map.class);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) kind.get("nodes");
    assertThat(nodes).extracting(n -> n.get("role")).containsExactly("control-plane", "worker");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mappings = (List<Map<String, Object>>) nodes.get(0).get("extraPortMappings");
    Map<Integer, Integer> nodePortToHost = new java.util.HashMap<>();
    mappings.forEach(pm -> nodePortToHost.put((Integer) pm.get("containerPort"), (Integer) pm.get("hostPort")));

    assertThat(nodePortToHost).containsEntry(nodePort("userflow-trino"), 8080).containsEntry(nodePort("userflow-grafana"), 3000);
    assertThat(nodePort("userflow-trino")).isEqualTo(30080);
    assertThat(nodePort("userflow-grafana")).isEqualTo(30300);
  }

  @Test
  void grafanaProvisionsTheCheckedInDashboardOnTheTrinoDataSource() throws Exception {
    Path source = RepoPaths.root().resolve("grafana/dashboards/userflow.json");
    String dashboard = Files.readString(source);
    assertThat(Files.readString(RepoPaths.stackChart().resolve("files/grafana/userflow.json")))
        .as("helm/userflow-stack/files/grafana/userflow.json is a copy of grafana/dashboards/userflow.json; "
            + "sync it with: cp grafana/dashboards/userflow.json helm/userflow-stack/files/grafana/userflow.json")
        .isEqualTo(dashboard);
    assertThat(configMap("userflow-grafana-dashboards").getData().get("userflow.json")).isEqualTo(dashboard.strip());

    @SuppressWarnings("unchecked")
    Map<String, Object> datasources = YAML.readValue(configMap("userflow-grafana-provisioning").getData().get("datasources.yaml"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> trino = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertThat(trino).containsEntry("type", "trino-datasource").containsEntry("url", "http://userflow-trino.userflow.svc:8080");

    var json = JSON.readTree(dashboard);
    assertThat(json.get("panels")).isNotEmpty().allSatisfy(panel -> {
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo(trino.get("uid"));
      panel.get("targets").forEach(t -> assertThat(t.get("rawSQL").asText()).contains("userflow.events."));
    });
    Container grafana = deployment("userflow-grafana").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(grafana.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("GF_PLUGINS_PREINSTALL");
      assertThat(e.getValue()).contains("trino-datasource");
    });
  }

  @Test
  void examplePipelineIsTheOneInTheOperatorChartExamples() throws Exception {
    Rendered stackPipeline = objects.stream().filter(o -> o.kind().equals("FeaturePipeline")).findFirst().orElseThrow();
    Map<String, Object> example = YAML.readerFor(Map.class)
        .<Map<String, Object>>readValues(RepoPaths.operatorChart().resolve("examples/featurepipeline.yaml").toFile())
        .readAll().stream().filter(d -> "FeaturePipeline".equals(d.get("kind"))).findFirst().orElseThrow();
    assertThat(stackPipeline.raw().get("spec")).isEqualTo(example.get("spec"));
    assertThat(stackPipeline.apiVersion()).isEqualTo(example.get("apiVersion"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void examplePipelineReachesS3AndPostgresWithRenderedSecrets() throws Exception {
    Rendered fp = objects.stream().filter(o -> o.kind().equals("FeaturePipeline")).findFirst().orElseThrow();
    Map<String, Object> catalog = (Map<String, Object>) ((Map<String, Object>) fp.raw().get("spec")).get("catalog");
    Map<String, Object> storage = (Map<String, Object>) catalog.get("storage");
    Properties trino = new Properties();
    trino.load(new StringReader(configMap("userflow-trino-catalog").getData().get("userflow.properties")));
    // the jobs (s3a), the operator (S3FileIO) and Trino (native S3) talk to the same S3 server
    assertThat(storage.get("endpoint")).isEqualTo(trino.getProperty("s3.endpoint"));
    assertThat(catalog.get("uri")).isEqualTo(trino.getProperty("iceberg.jdbc-catalog.connection-url"));
    Map<String, Set<String>> secrets = new java.util.HashMap<>();
    for (Secret s : RenderedObjects.ofType(objects, Secret.class)) {
      secrets.put(s.getMetadata().getName(), s.getStringData().keySet());
    }
    // keys omitted in the example are the CRD defaults
    String s3Secret = (String) ((Map<String, Object>) storage.get("credentials")).get("secretName");
    assertThat(secrets.get(s3Secret)).as("Secret %s", s3Secret).contains("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    String dbSecret = (String) ((Map<String, Object>) catalog.get("credentials")).get("secretName");
    assertThat(secrets.get(dbSecret)).as("Secret %s", dbSecret).contains("username", "password");
    // the operator uses only opted-in Secrets: both carry the label, the Grafana one does not need it
    for (Secret s : RenderedObjects.ofType(objects, Secret.class)) {
      boolean named = s.getMetadata().getName().equals(s3Secret) || s.getMetadata().getName().equals(dbSecret);
      assertThat(s.getMetadata().getLabels().get("userflow.io/credentials")).as("label of Secret %s",
          s.getMetadata().getName()).isEqualTo(named ? "true" : null);
    }
  }

  @Test
  void sparkOperatorIsAConditionalKubeflowDependencyRunningJobsInTheReleaseNamespace() throws Exception {
    Map<String, String> dep = StackChartCopy.dependency("spark-operator");
    assertThat(dep).containsEntry("repository", "https://kubeflow.github.io/spark-operator")
        .containsEntry("condition", "spark-operator.enabled");
    assertThat(dep.get("version")).startsWith("2.");
    assertThat(StackChartCopy.dependency("userflow")).containsEntry("repository", "file://../userflow");

    @SuppressWarnings("unchecked")
    Map<String, Object> values = YAML.readValue(RepoPaths.stackChart().resolve("values.yaml").toFile(), Map.class);
    assertThat(values).extractingByKey("spark-operator").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .extractingByKey("spark").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("jobNamespaces", List.of(Charts.NAMESPACE));
  }

  @Test
  void theOperatorAllowsWhatTheDemoPipelineRunsAndNothingElse() {
    Rendered fp = objects.stream().filter(o -> o.kind().equals("FeaturePipeline")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> streaming = (Map<String, Object>) ((Map<String, Object>) fp.raw().get("spec")).get("streaming");
    Map<String, String> env = deployment("userflow").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    assertThat(env.get("USERFLOW_OPERATOR_ALLOW_SERVICE_ACCOUNTS")).isEqualTo(streaming.get("serviceAccount"));
    assertThat(env.get("USERFLOW_OPERATOR_ALLOW_IMAGE_PREFIXES")).doesNotContain(",");
    assertThat((String) streaming.get("image")).startsWith(env.get("USERFLOW_OPERATOR_ALLOW_IMAGE_PREFIXES") + ":");
  }

  @Test
  void airflowMayOnlyApplyAndWatchReprocesses() {
    var role = RenderedObjects.ofType(objects, io.fabric8.kubernetes.api.model.rbac.Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals("userflow-airflow")).findFirst().orElseThrow();
    RbacRulesTest.assertNoWildcard(role.getRules(), "Role userflow-airflow");
    assertThat(RbacRulesTest.grants(role.getRules())).extracting(RbacRulesTest.Grant::resource)
        .as("approving (reprocessapprovals) is not Airflow's right").containsOnly("reprocesses");
    assertThat(RbacRulesTest.grants(role.getRules())).extracting(RbacRulesTest.Grant::verb)
        .containsExactlyInAnyOrder("create", "get", "list", "patch", "watch");
    // The DAGs' default service account (airflow/dags/reprocess_task.py, USERFLOW_AIRFLOW_SA).
    assertThat(role.getMetadata().getName()).isEqualTo("userflow-airflow");
  }

  @Test
  void kindValuesUseSideLoadedOperatorImages() {
    Container operator = deployment("userflow").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getImagePullPolicy()).isEqualTo("Never");
  }

  @Test
  void schemaRejectsABadValue() {
    assertThatThrownBy(() -> Charts.template(chart, Map.of("spark-operator.enabled", false, "trino.nodePort", 8080)))
        .hasMessageContaining("nodePort");
    assertThatThrownBy(() -> Charts.template(chart, Map.of("spark-operator.enabled", false, "userflow.replicaCount", "two")))
        .hasMessageContaining("replicaCount");
  }

  private static int nodePort(String service) {
    return RenderedObjects.ofType(objects, Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals(service))
        .findFirst().orElseThrow().getSpec().getPorts().get(0).getNodePort();
  }

  private static ConfigMap configMap(String name) {
    return configMap(objects, name);
  }

  private static ConfigMap configMap(List<Rendered> from, String name) {
    return RenderedObjects.ofType(from, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  private static Deployment deployment(String name) {
    return deployment(objects, name);
  }

  private static Deployment deployment(List<Rendered> from, String name) {
    return RenderedObjects.ofType(from, Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
  }
}
