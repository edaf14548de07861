package io.userflow.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiCallTest {

  @Test
  void requestsMapToTheVerbsRbacChecks() {
    assertThat(ApiCall.of("GET", "/apis/userflow.io/v1alpha1/namespaces/team/reprocesses/nightly"))
        .isEqualTo(new ApiCall("userflow.io", "reprocesses", "get", "team"));
    assertThat(ApiCall.of("GET", "/apis/userflow.io/v1alpha1/namespaces/team/reprocesses?labelSelector=a%3Db"))
        .isEqualTo(new ApiCall("userflow.io", "reprocesses", "list", "team"));
    assertThat(ApiCall.of("GET", "/apis/sparkoperator.k8s.io/v1beta2/namespaces/team/sparkapplications"
        + "?resourceVersion=5&allowWatchBookmarks=true&watch=true"))
        .isEqualTo(new ApiCall("sparkoperator.k8s.io", "sparkapplications", "watch", "team"));
    assertThat(ApiCall.of("PATCH", "/apis/userflow.io/v1alpha1/namespaces/team/reprocesses/nightly/status"))
        .isEqualTo(new ApiCall("userflow.io", "reprocesses/status", "patch", "team"));
    assertThat(ApiCall.of("POST", "/api/v1/namespaces/team/events"))
        .isEqualTo(new ApiCall("", "events", "create", "team"));
    assertThat(ApiCall.of("PUT", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/userflow"))
        .isEqualTo(new ApiCall("coordination.k8s.io", "leases", "update", "ops"));
    assertThat(ApiCall.of("DELETE", "/apis/sparkoperator.k8s.io/v1beta2/namespaces/team/sparkapplications/x"))
        .isEqualTo(new ApiCall("sparkoperator.k8s.io", "sparkapplications", "delete", "team"));
    assertThat(ApiCall.of("GET", "/apis/userflow.io/v1alpha1/featurepipelines?watch=1"))
        .isEqualTo(new ApiCall("userflow.io", "featurepipelines", "watch", null));
    assertThat(ApiCall.of("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/reprocesses.userflow.io"))
        .isEqualTo(new ApiCall("apiextensions.k8s.io", "customresourcedefinitions", "get", null));
  }

  @Test
  void nonResourcePathsAreRefused() {
    assertThatThrownBy(() -> ApiCall.of("GET", "/version")).hasMessageContaining("not a resource path");
  }

  @Test
  void theChartForbidsCallsOutsideTheirScope() {
    ChartRbac rbac = ChartRbac.load();
    assertThat(rbac.forbidden(java.util.Set.of(
        new ApiCall("", "secrets", "get", "team"),
        new ApiCall("", "secrets", "list", "team"),
        new ApiCall("userflow.io", "reprocesses", "watch", null),
        new ApiCall("coordination.k8s.io", "leases", "update", "ops"),
        // the pipeline Leases in a watched namespace are read, created and deleted, never renewed
        new ApiCall("coordination.k8s.io", "leases", "get", "team"),
        new ApiCall("coordination.k8s.io", "leases", "update", "team")), "team", "ops"))
        .extracting(ApiCall::toString)
        .containsExactly("get core/secrets in team", "update coordination.k8s.io/leases in team",
            "watch userflow.io/reprocesses (cluster)");
  }
}
