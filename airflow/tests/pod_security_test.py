"""The pod each DAG's task would create, as the KubernetesPodOperator builds it, meets the restricted Pod Security
Standard (the end-to-end run has the real API server admit it into a namespace that enforces restricted)."""
import pytest

from conftest import parse_dags

TASK = "apply_and_wait_reprocess"
SECCOMP = {"RuntimeDefault", "Localhost"}


def as_sent(pod):
    """The pod as the API server receives it (camelCase JSON; the operator passes the contexts as dicts)."""
    from kubernetes.client import ApiClient

    return ApiClient().sanitize_for_serialization(pod)


def restricted_violations(pod):
    """The restricted profile's container rules (kubernetes.io/docs/concepts/security/pod-security-standards)."""
    found = []
    spec = as_sent(pod)["spec"]
    pod_ctx = spec.get("securityContext") or {}
    for c in spec.get("initContainers", []) + spec["containers"]:
        ctx = c.get("securityContext")
        if not ctx:
            found.append(f"{c['name']}: no securityContext")
            continue
        caps = ctx.get("capabilities") or {}
        if not (ctx.get("runAsNonRoot") or pod_ctx.get("runAsNonRoot")):
            found.append(f"{c['name']}: runAsNonRoot is not true")
        if 0 in (ctx.get("runAsUser"), pod_ctx.get("runAsUser")):
            found.append(f"{c['name']}: runs as user 0")
        if ctx.get("allowPrivilegeEscalation") is not False:
            found.append(f"{c['name']}: allowPrivilegeEscalation is not false")
        if ctx.get("privileged"):
            found.append(f"{c['name']}: privileged")
        if "ALL" not in (caps.get("drop") or []):
            found.append(f"{c['name']}: capabilities.drop lacks ALL")
        if set(caps.get("add") or []) - {"NET_BIND_SERVICE"}:
            found.append(f"{c['name']}: adds capabilities")
        seccomp = ctx.get("seccompProfile") or pod_ctx.get("seccompProfile") or {}
        if seccomp.get("type") not in SECCOMP:
            found.append(f"{c['name']}: seccompProfile is not RuntimeDefault or Localhost")
    return found


@pytest.mark.parametrize("dag_id", ["userflow_hourly", "userflow_backfill"])
def test_the_task_pod_meets_the_restricted_profile(airflow_env, dag_id):
    task = parse_dags().dags[dag_id].get_task(TASK)
    pod = task.build_pod_request_obj(dry_run=True)
    assert restricted_violations(pod) == []
    spec = as_sent(pod)["spec"]
    assert spec["securityContext"]["runAsUser"] == 65534
    assert spec["containers"][0]["securityContext"]["readOnlyRootFilesystem"] is True


def test_the_check_refuses_what_the_api_server_would(airflow_env):
    task = parse_dags().dags["userflow_hourly"].get_task(TASK)
    pod = task.build_pod_request_obj(dry_run=True)
    pod.spec.security_context = None
    pod.spec.containers[0].security_context = None
    assert restricted_violations(pod) == ["base: no securityContext"]
