package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;

/** Patches status only when it changed, so a reconcile that learns nothing causes no write and no new event. */
final class StatusPatches {
  private StatusPatches() {}

  static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(R resource, S next) {
    if (Objects.equals(json(resource.getStatus()), json(next))) {
      return UpdateControl.noUpdate();
    }
    resource.setStatus(next);
    return UpdateControl.patchStatus(resource);
  }

  private static String json(Object status) {
    return status == null ? null : Serialization.asJson(status);
  }
}
