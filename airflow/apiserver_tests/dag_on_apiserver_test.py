"""The DAGs' real task against a real kube-apiserver: dag.test runs KubernetesPodOperator, which creates the
pod; dev/local_pod_runner.py runs it here (there is no kubelet) as the pod's ServiceAccount, so the script's
kubectl applies and watches the Reprocess with the Role the Helm chart gives Airflow. The userflow operator
is not running: a stand-in answers each Reprocess with the outcome the test chose.

Run with airflow/dev/test-apiserver.sh, which starts the control plane and sets KUBECONFIG and KUBECTL_DIR.
"""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pendulum
import pytest
import yaml
from kubernetes import client, config, watch

AIRFLOW = Path(__file__).resolve().parent.parent
REPO = AIRFLOW.parent
sys.path.append(str(AIRFLOW / "dev"))
from local_pod_runner import LocalPodRunner  # noqa: E402

NAMESPACE, SA = "userflow", "userflow-airflow"
GROUP, VERSION, PLURAL = "userflow.io", "v1alpha1", "reprocesses"
NEXT_STEP = "Fix the source data, then resume."


def kubectl(*args, stdin=None):
    return subprocess.run([f"{os.environ['KUBECTL_DIR']}/kubectl", *args], input=stdin, capture_output=True,
                          text=True, check=True).stdout


def helm_airflow_rbac():
    """helm/userflow-stack/templates/airflow-rbac.yaml with its values filled in (no helm binary here)."""
    text = (REPO / "helm/userflow-stack/templates/airflow-rbac.yaml").read_text()
    lines = [line for line in text.splitlines() if "{{-" not in line and "stack.labels" not in line]
    text = "\n".join(lines).replace("{{ .Values.airflow.serviceAccount }}", SA) \
        .replace("{{ .Release.Namespace }}", NAMESPACE)
    return [doc for doc in yaml.safe_load_all(text) if doc]


class StandInOperator:
    """Sets each new Reprocess's status the way the userflow operator reports an outcome."""

    def __init__(self, api):
        self.api, self.outcome, self.seen = api, "Succeeded", []
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        while True:
            for event in watch.Watch().stream(self.api.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE,
                                              PLURAL, timeout_seconds=30):
                if event["type"] == "ADDED":
                    self.seen.append(event["object"])
                    self.api.patch_namespaced_custom_object_status(
                        GROUP, VERSION, NAMESPACE, PLURAL, event["object"]["metadata"]["name"], self._status())

    def _status(self):
        condition = {"type": self.outcome, "status": "True", "reason": self.outcome, "message": "stand-in",
                     "lastTransitionTime": "2026-01-01T00:00:00Z"}
        status = {"phase": self.outcome, "conditions": [condition]}
        if self.outcome == "Failed":
            status["failure"] = {"stage": "Silver", "reason": "SparkApplicationFailed", "message": "stand-in",
                                 "nextStep": NEXT_STEP}
        return {"status": status}


@pytest.fixture(scope="module")
def cluster():
    if not os.environ.get("KUBECONFIG") or not os.environ.get("KUBECTL_DIR"):
        pytest.fail("run with airflow/dev/test-apiserver.sh: it starts the control plane")
    kubectl("apply", "-f", str(REPO / "helm/userflow/crds/reprocesses.userflow.io-v1.yml"))
    kubectl("wait", "--for=condition=Established", "crd/reprocesses.userflow.io")
    kubectl("create", "namespace", NAMESPACE)
    kubectl("apply", "-f", "-", stdin=yaml.safe_dump_all(helm_airflow_rbac()))
    api_client = config.new_client_from_config(config_file=os.environ["KUBECONFIG"])
    runner = LocalPodRunner(os.environ["KUBECONFIG"], NAMESPACE, os.environ["KUBECTL_DIR"]).start()
    yield runner, StandInOperator(client.CustomObjectsApi(api_client)), client.CoreV1Api(api_client)
    runner.stop()


@pytest.fixture(scope="module")
def dags():
    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.utils import db

    db.initdb()
    folder = AIRFLOW / "dags"
    return lambda: BundleDagBag(dag_folder=folder, bundle_path=folder, bundle_name="dags-folder").dags


def reprocess(name):
    return yaml.safe_load(kubectl("get", "reprocess", name, "-n", NAMESPACE, "-o", "yaml"))


def test_hourly_applies_its_reprocess_as_the_airflow_service_account_and_succeeds(cluster, dags):
    runner, operator, core = cluster
    operator.outcome = "Succeeded"
    # A manual run at 14:00 covers the hour before, as the scheduled one would.
    run = dags()["userflow_hourly"].test(logical_date=pendulum.datetime(2026, 3, 1, 14, tz="UTC"))
    assert run.state == "success"
    rp = reprocess("hourly-20260301t130000")
    assert rp["spec"] == {"pipelineRef": "clickstream", "stages": ["Silver", "Gold"], "mode": "Auto",
                          "approval": "Automatic", "retryLimit": 2}
    assert rp["status"]["phase"] == "Succeeded"
    [pod_name] = [n for n, p in runner.pods.items() if p.metadata.labels.get("dag_id") == "userflow_hourly"]
    pod = runner.pods[pod_name]
    assert pod.spec.service_account_name == SA
    assert pod.spec.containers[0].image == "alpine/k8s:1.33.1"
    assert "Reprocess hourly-20260301t130000 succeeded." in runner.logs[pod_name]
    assert core.list_namespaced_pod(NAMESPACE, label_selector="dag_id=userflow_hourly").items == [], \
        "on_finish_action=delete_pod"


def test_a_failed_backfill_fails_the_task_with_the_recovery_hint(cluster, dags):
    runner, operator, _ = cluster
    operator.outcome = "Failed"
    dag = dags()["userflow_backfill"]
    dag.get_task("apply_and_wait_reprocess").retries = 0  # each retry would wait retry_delay (2 minutes)
    run = dag.test(run_conf={"start": "2026-02-01", "end": "2026-02-03"}, logical_date=None)
    assert {ti.task_id: ti.state for ti in run.get_task_instances()} == {
        "check_range": "success", "apply_and_wait_reprocess": "failed"}
    [pod_name] = [n for n, p in runner.pods.items() if p.metadata.labels.get("dag_id") == "userflow_backfill"]
    log = runner.logs[pod_name]
    name = log.split("reprocess.userflow.io/")[1].split()[0]
    assert name.startswith("backfill-20260201-20260203-")
    assert reprocess(name)["spec"]["range"] == {"from": "2026-02-01", "to": "2026-02-03"}
    assert f"Reprocess {name} failed:" in log
    assert f"next step: {NEXT_STEP}" in log
    assert f"kubectl annotate rp {name} -n {NAMESPACE} userflow.io/retry=" in log


def test_without_its_role_binding_the_pod_cannot_apply(cluster, dags):
    runner, operator, _ = cluster
    kubectl("delete", "rolebinding", SA, "-n", NAMESPACE)
    try:
        dag = dags()["userflow_hourly"]
        dag.get_task("apply_and_wait_reprocess").retries = 0
        run = dag.test(logical_date=pendulum.datetime(2026, 3, 2, 9, tz="UTC"))
    finally:
        kubectl("apply", "-f", "-", stdin=yaml.safe_dump_all(helm_airflow_rbac()))
    assert run.state == "failed"
    pod_name = max((p.metadata.creation_timestamp, n) for n, p in runner.pods.items())[1]
    assert "forbidden" in runner.logs[pod_name]
    assert 'User "system:serviceaccount:userflow:userflow-airflow" cannot' in runner.logs[pod_name]
