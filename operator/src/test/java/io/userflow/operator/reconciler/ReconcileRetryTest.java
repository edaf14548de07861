package io.userflow.operator.reconciler;

import io.userflow.operator.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.userflow.operator.Fixtures;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 item 5: a failed reconcile of either kind is retried without a limit, its back-off capped
 * ({@link ReconcileFailures#MAX_RETRY_INTERVAL_MS}); JOSDK's default gives up after five attempts, which left a
 * Reprocess in Validating through a longer catalog outage.
 */
class ReconcileRetryTest {
  @Test
  void bothReconcilersRetryWithoutALimitAndACappedBackOff() {
    Clock clock = Clock.systemUTC();
    List<Reconciler<?>> reconcilers = List.of(new FeaturePipelineReconciler(null, null, null, Fixtures.operatorConfig(), clock),
        new ReprocessReconciler(null, null, null, null, Fixtures.operatorConfig(), clock));
    for (Reconciler<?> reconciler : reconcilers) {
      var retry = (GenericRetry) new BaseConfigurationService().getConfigurationFor(reconciler).getRetry();
      assertThat(retry.getMaxAttempts()).as(reconciler.getClass().getSimpleName()).isEqualTo(-1);
      assertThat(retry.getMaxInterval()).isEqualTo(5 * 60 * 1000L);
      var execution = retry.initExecution();
      long last = 0;
      for (int attempt = 0; attempt < 50; attempt++) {
        last = execution.nextDelay().orElseThrow();
      }
      assertThat(last).as("the 50th retry still comes, five minutes after the one before").isEqualTo(5 * 60 * 1000L);
    }
  }
}
