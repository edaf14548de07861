package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.userflow.operator.events.EventReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileExceptionTest {
  @Test
  void aDenialInsideTheWorkflowIsReportedAsTheDenial() {
    String said = "sparkapplications.sparkoperator.k8s.io \"clicks-bronze\" is forbidden: User \"op\" cannot create"
        + " resource \"sparkapplications\"";
    var denied = new KubernetesClientException(new StatusBuilder().withCode(403).withMessage(said).build());
    var workflow = new AggregatedOperatorException("Exception(s) during workflow execution.",
        Map.of("StreamingApplicationDependent", denied));
    assertThat(ReconcileException.reasonOf(workflow)).isEqualTo(EventReason.Forbidden);
    assertThat(ReconcileException.messageOf(workflow)).startsWith(said).contains("rbac-rules.yaml")
        .doesNotContain("workflow execution");
  }

  @Test
  void anyOtherWorkflowFailureKeepsItsOwnMessage() {
    var workflow = new AggregatedOperatorException("Exception(s) during workflow execution.",
        Map.of("StreamingApplicationDependent", new IllegalStateException("admission webhook said no")));
    assertThat(ReconcileException.reasonOf(workflow)).isEqualTo(EventReason.ReconcileError);
    assertThat(ReconcileException.messageOf(workflow)).isEqualTo("admission webhook said no");
  }
}
