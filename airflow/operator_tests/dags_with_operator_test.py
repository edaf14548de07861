"""The DAGs' real task against a cluster where the REAL userflow operator runs (and a spark-operator stand-in
that runs each SparkApplication's driver as a local JVM, so Silver and Gold really run).

dag.test runs KubernetesPodOperator, which creates the pod; dev/local_pod_runner.py runs it here (there is no
kubelet) as the pod's ServiceAccount, so the script's kubectl applies and watches the Reprocess with the Role
the userflow-stack chart gives Airflow. Every status asserted here was written by the operator.

The cluster is given, not made: KUBECONFIG (admin) points at a kube-apiserver with helm/userflow installed in
USERFLOW_NAMESPACE and FeaturePipeline USERFLOW_PIPELINE Running. Nothing here creates the namespace or CRDs or
touches the FeaturePipeline. Run with airflow/dev/test-with-operator.sh, which also applies the Airflow RBAC.
"""
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pendulum
import pytest

AIRFLOW = Path(__file__).resolve().parent.parent
DAGS = AIRFLOW / "dags"
for _path in (AIRFLOW / "dev", DAGS):  # DAGS: where the DAG files find reprocess_task, as a worker puts it
    if str(_path) not in sys.path:
        sys.path.append(str(_path))
import reprocess_task  # noqa: E402  (the module the DAG files import; the failure test patches its PIPELINE)
from local_pod_runner import LocalPodRunner  # noqa: E402

NAMESPACE = os.environ.get("USERFLOW_NAMESPACE", "")
PIPELINE = os.environ.get("USERFLOW_PIPELINE", "")
SA = os.environ.get("USERFLOW_AIRFLOW_SA", "userflow-airflow")
DAG_IDS = ("userflow_hourly", "userflow_backfill")
TASK = "apply_and_wait_reprocess"
OPERATOR = "userflow-operator"  # source.component of the operator's Events (EventRecorder.COMPONENT)
# A test waits at most this long for one Reprocess (the DAG's own bound is 3 h); see run_dag.
WAIT_SECONDS = int(os.environ.get("USERFLOW_TEST_WAIT_SECONDS", "300"))

# A manual run at 10:00 covers the hour before, as the scheduled one would: hourly-20260601t090000.
HOURLY_LOGICAL_DATE = pendulum.datetime(2026, 6, 1, 10, tz="UTC")
HOURLY_NAME = "hourly-20260601t090000"
# A FeaturePipeline that does not exist: the one way found to make the real operator fail a Reprocess without
# touching the FeaturePipeline (the DAG's own checks already refuse every range the operator would refuse).
MISSING_PIPELINE = "no-such-pipeline"


def kubectl(*args, check=True):
    result = subprocess.run([f"{os.environ['KUBECTL_DIR']}/kubectl", *args], capture_output=True, text=True,
                            timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"kubectl {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def get(*args):
    return json.loads(kubectl("get", *args, "-n", NAMESPACE, "-o", "json").stdout)


def reprocess(name):
    return get("reprocesses.userflow.io", name)


def reprocess_names():
    return sorted(r["metadata"]["name"] for r in get("reprocesses.userflow.io")["items"])


def operator_events(uid):
    """(type, reason) of the Events the userflow operator recorded on the object with this uid, oldest first."""
    items = [e for e in get("events")["items"]
             if e["involvedObject"].get("uid") == uid and (e.get("source") or {}).get("component") == OPERATOR]
    items.sort(key=lambda e: (e.get("firstTimestamp") or "", int(e["metadata"]["resourceVersion"])))
    return [(e["type"], e["reason"]) for e in items]


def conditions(rp):
    return {c["type"]: c for c in rp["status"]["conditions"]}


def camel(code):
    """The operator's condition reason for a planner reason code (PlanStatuses.camel): APPENDS_ONLY → AppendsOnly."""
    return "".join(part[:1].upper() + part[1:] for part in code.lower().split("_") if part)


class DagPodRunner(LocalPodRunner):
    """Runs only the pods KubernetesPodOperator creates for the userflow DAGs; any other pod of the namespace
    (this cluster has the operator's Deployment and whatever else the caller runs) is left alone."""

    def run_pod(self, pod):
        if is_dag_pod(pod):
            super().run_pod(pod)


def is_dag_pod(pod, dag_id=None):
    labels = pod.metadata.labels or {}
    return labels.get("kubernetes_pod_operator") == "True" and labels.get("dag_id") in (
        DAG_IDS if dag_id is None else (dag_id,))


@dataclass
class Result:
    run: object  # the DagRun
    pods: list  # names of the pods this run created
    logs: str  # their output, in creation order


@pytest.fixture(scope="module")
def cluster():
    missing = [v for v in ("KUBECONFIG", "KUBECTL_DIR", "USERFLOW_NAMESPACE", "USERFLOW_PIPELINE")
               if not os.environ.get(v)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not set: run with airflow/dev/test-with-operator.sh against a cluster "
                    "where the userflow operator runs")
    runner = DagPodRunner(os.environ["KUBECONFIG"], NAMESPACE, os.environ["KUBECTL_DIR"],
                          timeout_seconds=WAIT_SECONDS + 150).start()
    yield runner
    runner.stop()
    # on_finish_action=delete_pod removes them; this is for a run that was cut short
    ours = [name for name, pod in runner.pods.items() if is_dag_pod(pod)]
    if ours:
        kubectl("delete", "pod", *ours, "-n", NAMESPACE, "--ignore-not-found", "--wait=false", check=False)


@pytest.fixture(scope="module")
def dags():
    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.utils import db

    db.initdb()

    def parse():
        # Running a task renders its fields in place, so each run gets its own parse.
        bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS, bundle_name="dags-folder")
        assert not bag.import_errors, bag.import_errors
        return bag.dags

    return parse


def run_dag(runner, dags, dag_id, **test_kwargs) -> Result:
    """dag.test of one DAG, with the task bounded to WAIT_SECONDS and not retried (each retry would first wait
    retry_delay, 2 minutes). The pods it created are told apart by name from those that were there before.

    The script notices its deadline only between `kubectl wait --timeout=60s` calls, hence the slack."""
    dag = dags()[dag_id]
    task = dag.get_task(TASK)
    task.retries = 0
    task.execution_timeout = timedelta(seconds=WAIT_SECONDS + 120)
    assert isinstance(task.env_vars, dict) and "WAIT_TIMEOUT_SECONDS" in task.env_vars, task.env_vars
    task.env_vars["WAIT_TIMEOUT_SECONDS"] = str(WAIT_SECONDS)
    before = set(runner.pods)
    run = dag.test(**test_kwargs)
    pods = sorted((p.metadata.creation_timestamp, n) for n, p in runner.pods.items()
                  if n not in before and is_dag_pod(p, dag_id))
    names = [n for _, n in pods]
    assert names, f"{dag_id}: no pod of the DAG's task was run"
    # a pod's output is kept before its terminal status is written, so a task that saw it end has it
    logs = "\n".join(runner.logs.get(n, f"<pod {n} had not ended when the task did>") for n in names)
    print(f"--- {dag_id} pod output ---\n{logs}")
    return Result(run, names, logs)


@pytest.fixture(scope="module")
def first_hourly(cluster, dags):
    result = run_dag(cluster, dags, "userflow_hourly", logical_date=HOURLY_LOGICAL_DATE)
    rp = reprocess(HOURLY_NAME)
    print(json.dumps(rp, indent=1))
    return result, rp


def test_hourly_run_applies_its_reprocess_and_the_operator_finishes_it(cluster, first_hourly):
    result, rp = first_hourly
    assert result.run.state == "success"
    start = pendulum.instance(result.run.data_interval_start)
    assert f"hourly-{start.strftime('%Y%m%dT%H%M%S').lower()}" == HOURLY_NAME, start
    [pod_name] = result.pods
    pod = cluster.pods[pod_name]
    assert pod.spec.service_account_name == SA
    assert f"reprocess.userflow.io/{HOURLY_NAME} " in result.logs
    assert f"Reprocess {HOURLY_NAME} succeeded." in result.logs

    assert rp.get("status"), "the Reprocess has no status: is the userflow operator running?"
    meta, spec, status = rp["metadata"], rp["spec"], rp["status"]
    assert spec["pipelineRef"] == PIPELINE
    assert spec["mode"] == "Auto" and spec["stages"] == ["Silver", "Gold"]
    assert meta["labels"]["app.kubernetes.io/managed-by"] == "airflow"
    # written by the operator, for this generation
    assert status["observedGeneration"] == meta["generation"]
    assert status["phase"] in ("Succeeded", "Skipped")
    assert "failure" not in status
    cond = conditions(rp)
    assert {"Succeeded", "Failed", "Progressing", "Planned"} <= set(cond), sorted(cond)
    assert (cond["Succeeded"]["status"], cond["Failed"]["status"], cond["Progressing"]["status"],
            cond["Planned"]["status"]) == ("True", "False", "False", "True")
    assert all(c["observedGeneration"] == meta["generation"] for c in cond.values()), cond
    silver, gold = status["silver"], status["gold"]
    for stage in (silver, gold):
        assert stage["plan"]["mode"] in ("NOOP", "INCREMENTAL", "FULL"), stage
        assert stage["plan"]["reason"], stage
    ran = [stage for stage in (silver, gold) if stage["plan"]["mode"] != "NOOP"]
    reasons = [reason for _, reason in operator_events(meta["uid"])]
    assert "Planned" in reasons, reasons
    if status["phase"] == "Succeeded":
        assert ran, "Succeeded, so at least one stage was planned to run"
        for stage in ran:
            assert stage["application"] and stage["attempt"] >= 1, stage
            assert stage["state"] == "COMPLETED", stage
        head = ran[0]
        assert cond["Succeeded"]["reason"] == "Succeeded"
        assert (cond["Approved"]["status"], cond["Approved"]["reason"]) == ("True", "NotRequired")
        assert {"StageSubmitted", "StageCompleted", "Succeeded"} <= set(reasons), reasons
    else:  # nothing new in Bronze: the planner said NOOP for both stages
        assert not ran, (silver, gold)
        head = silver
        assert cond["Succeeded"]["reason"] == "Noop"
        assert "Skipped" in reasons and "StageSubmitted" not in reasons, reasons
    assert status["mode"] == head["plan"]["mode"]
    assert cond["Planned"]["reason"] == camel(head["plan"]["reason"])


def test_rerunning_the_same_hour_reapplies_the_same_reprocess(cluster, dags, first_hourly):
    _, first = first_hourly
    before = reprocess(HOURLY_NAME)
    names_before = reprocess_names()
    events_before = operator_events(before["metadata"]["uid"])

    result = run_dag(cluster, dags, "userflow_hourly", logical_date=HOURLY_LOGICAL_DATE)

    assert result.run.state == "success"
    assert f"reprocess.userflow.io/{HOURLY_NAME} unchanged" in result.logs
    assert f"Reprocess {HOURLY_NAME} succeeded." in result.logs
    after = reprocess(HOURLY_NAME)
    assert after["metadata"]["uid"] == before["metadata"]["uid"] == first["metadata"]["uid"]
    assert after["metadata"]["generation"] == before["metadata"]["generation"]
    assert [n for n in reprocess_names() if n.startswith(HOURLY_NAME)] == [HOURLY_NAME]
    assert reprocess_names() == names_before, "the re-run created no Reprocess"
    # and the operator did not run it again
    for stage in ("silver", "gold"):
        assert (after["status"][stage].get("application"), after["status"][stage].get("attempt")) == \
               (before["status"][stage].get("application"), before["status"][stage].get("attempt"))
    assert after["status"]["phase"] == before["status"]["phase"]
    assert conditions(after)["Succeeded"]["lastTransitionTime"] == conditions(before)["Succeeded"]["lastTransitionTime"]
    new_events = operator_events(after["metadata"]["uid"])[len(events_before):]
    assert not [e for e in new_events if e[1] in ("Planned", "StageSubmitted")], new_events


@pytest.fixture
def missing_pipeline_reprocesses():
    """Afterwards deletes the Reprocesses the DAGs made for the missing pipeline (they hold nothing)."""
    yield
    kubectl("delete", "reprocesses.userflow.io", "-n", NAMESPACE, "--ignore-not-found", "--wait=false",
            "-l", f"userflow.io/pipeline={MISSING_PIPELINE},app.kubernetes.io/managed-by=airflow", check=False)


def test_a_backfill_the_operator_fails_fails_the_task_with_its_recovery_hint(cluster, dags, monkeypatch,
                                                                            missing_pipeline_reprocesses):
    assert kubectl("get", "featurepipelines.userflow.io", MISSING_PIPELINE, "-n", NAMESPACE,
                   check=False).returncode != 0, f"FeaturePipeline {MISSING_PIPELINE} exists; this test needs it not to"
    pipeline_generation = get("featurepipelines.userflow.io", PIPELINE)["metadata"]["generation"]
    # USERFLOW_PIPELINE as the scheduler would have read it, for the DAG files parsed in run_dag
    monkeypatch.setattr(reprocess_task, "PIPELINE", MISSING_PIPELINE)

    result = run_dag(cluster, dags, "userflow_backfill", run_conf={"start": "2026-05-01", "end": "2026-05-02"},
                     logical_date=None)

    assert {ti.task_id: ti.state for ti in result.run.get_task_instances()} == {
        "check_range": "success", TASK: "failed"}
    assert result.run.state == "failed"
    assert "reprocess.userflow.io/" in result.logs, result.logs
    name = result.logs.split("reprocess.userflow.io/")[1].split()[0]
    assert name.startswith("backfill-20260501-20260502-")
    rp = reprocess(name)
    print(json.dumps(rp, indent=1))
    assert rp.get("status"), "the Reprocess has no status: is the userflow operator running?"
    meta, status = rp["metadata"], rp["status"]
    assert rp["spec"]["pipelineRef"] == MISSING_PIPELINE
    assert rp["spec"]["range"] == {"from": "2026-05-01", "to": "2026-05-02"}
    # the operator's verdict
    assert status["observedGeneration"] == meta["generation"]
    assert status["phase"] == "Failed"
    failure = status["failure"]
    assert failure["reason"] == "PipelineNotFound"
    assert "stage" not in failure, "failed before running anything"
    assert failure["message"] == f"FeaturePipeline {MISSING_PIPELINE} does not exist in namespace {NAMESPACE}."
    # the spec is immutable once created: the way out is the pipeline, a retry, or a new Reprocess
    assert failure["nextStep"].startswith(f"Create FeaturePipeline {MISSING_PIPELINE}, then run: ")
    assert "delete this Reprocess and create one naming an existing pipeline" in failure["nextStep"]
    assert f"kubectl annotate reprocess {name} userflow.io/retry=" in failure["nextStep"]
    cond = conditions(rp)
    assert (cond["Failed"]["status"], cond["Failed"]["reason"]) == ("True", "PipelineNotFound")
    assert cond["Succeeded"]["status"] == "False"
    assert failure["nextStep"] in cond["Failed"]["message"]
    assert ("Warning", "PipelineNotFound") in operator_events(meta["uid"])
    # what the task log tells whoever looks at the failed task: the operator's words, then how to resume
    assert f"Reprocess {name} failed:" in result.logs
    assert "  reason:    PipelineNotFound\n" in result.logs
    assert f"  message:   {failure['message']}\n" in result.logs
    assert f"  next step: {failure['nextStep']}\n" in result.logs
    assert f"Recovery hint: kubectl get rp {name} -n {NAMESPACE} -o jsonpath='{{.status.failure.nextStep}}'" \
        in result.logs
    # and the real pipeline was not touched
    assert get("featurepipelines.userflow.io", PIPELINE)["metadata"]["generation"] == pipeline_generation
