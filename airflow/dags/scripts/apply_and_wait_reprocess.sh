#!/bin/sh
# Applies one Reprocess and waits until it has Succeeded or Failed (the operator's status conditions).
# Safe to repeat: the manifest's name is fixed per DAG run, so a retried task re-applies the same object
# and then only waits. On failure it prints the operator's recovery hint and exits non-zero.
#
# Environment: NAME, NAMESPACE, REPROCESS_MANIFEST (the rendered Reprocess), WAIT_TIMEOUT_SECONDS.
set -eu
: "${NAME:?}" "${NAMESPACE:?}" "${REPROCESS_MANIFEST:?}"
timeout="${WAIT_TIMEOUT_SECONDS:-10800}"
rp="reprocess/${NAME}"

printf '%s\n' "$REPROCESS_MANIFEST" | kubectl apply -n "$NAMESPACE" -f -

condition() {
  kubectl get "$rp" -n "$NAMESPACE" -o "jsonpath={.status.conditions[?(@.type==\"$1\")].status}" 2>/dev/null || true
}

deadline=$(( $(date +%s) + timeout ))
while :; do
  if kubectl wait "$rp" -n "$NAMESPACE" --for=condition=Succeeded --timeout=60s >/dev/null 2>&1; then
    kubectl get "$rp" -n "$NAMESPACE"
    echo "Reprocess ${NAME} succeeded."
    exit 0
  fi
  if [ "$(condition Failed)" = "True" ]; then
    echo "Reprocess ${NAME} failed:"
    kubectl get "$rp" -n "$NAMESPACE" -o 'jsonpath=  stage:     {.status.failure.stage}{"\n"}  reason:    {.status.failure.reason}{"\n"}  message:   {.status.failure.message}{"\n"}  rewrites:  {.status.failure.recoveryUnit.description}{"\n"}  next step: {.status.failure.nextStep}{"\n"}' || true
    echo "Recovery hint: kubectl get rp ${NAME} -n ${NAMESPACE} -o jsonpath='{.status.failure.nextStep}'"
    echo "Resume from the failed stage: kubectl annotate rp ${NAME} -n ${NAMESPACE} userflow.io/retry=\"\$(date +%s)\" --overwrite"
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "Reprocess ${NAME} neither succeeded nor failed within ${timeout}s; it keeps running. Check it with:"
    echo "  kubectl get rp ${NAME} -n ${NAMESPACE} -o yaml"
    exit 1
  fi
  sleep 5
done
