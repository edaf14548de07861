"""A backfill with a missing, malformed or inconsistent range fails before any pod is created.

Per-param checks (present, a real YYYY-MM-DD date) are the params' JSON schemas, which Airflow applies when
a run is created, by the API server on a trigger as by dag.test. Comparing start and end is check_range's
job, a task upstream of the pod. KubernetesPodOperator.execute is replaced by a recorder: no pod can start
here, and what matters is whether Airflow gets as far as calling it.
"""
import pendulum
import pytest

from conftest import parse_dags

MISSING = "No value passed"  # the SDK adds "and Param has no default value", the API server does not


@pytest.fixture
def pods(monkeypatch):
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

    started = []
    monkeypatch.setattr(KubernetesPodOperator, "execute",
                        lambda self, context: started.append({e.name: e.value for e in self.env_vars}))
    return started


BAD_PARAMS = [
    ({"start": "2026-01-01"}, f"Invalid input for param end: {MISSING}"),
    ({}, f"Invalid input for param start: {MISSING}"),
    ({"start": "2026-02-30", "end": "2026-03-01"}, "Invalid input for param start: '2026-02-30' is not a 'date'"),
    ({"start": "2026-01-01", "end": "2026/01/31"}, "Invalid input for param end: '2026/01/31' is not a 'date'"),
    ({"start": 20260101, "end": "2026-01-31"}, "Invalid input for param start: 20260101 is not of type 'string'"),
]
BAD_PARAM_IDS = ["no-end", "nothing", "no-such-day", "slashes", "number"]


@pytest.mark.parametrize("conf, message", BAD_PARAMS, ids=BAD_PARAM_IDS)
def test_a_trigger_with_bad_params_is_refused_and_creates_no_run(serialized_dag, request, conf, message):
    from airflow.exceptions import ParamValidationError
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from airflow.utils.state import DagRunState
    from airflow.utils.types import DagRunTriggeredByType, DagRunType

    run_id = f"manual__bad_params_{request.node.callspec.id}"
    with create_session() as session:
        with pytest.raises(ParamValidationError, match=message):
            serialized_dag("userflow_backfill").create_dagrun(
                run_id=run_id, run_after=pendulum.now("UTC"), conf=conf, run_type=DagRunType.MANUAL,
                triggered_by=DagRunTriggeredByType.REST_API, state=DagRunState.QUEUED, session=session)
        assert DagRun.find(dag_id="userflow_backfill", run_id=run_id, session=session) == []


@pytest.mark.parametrize("conf, message", BAD_PARAMS[:3], ids=BAD_PARAM_IDS[:3])
def test_dag_test_with_bad_params_fails_before_any_task(airflow_db, pods, conf, message):
    from airflow.exceptions import ParamValidationError

    with pytest.raises(ParamValidationError, match=message):
        parse_dags().dags["userflow_backfill"].test(run_conf=conf, logical_date=None)
    assert pods == []


def run_backfill(conf):
    run = parse_dags().dags["userflow_backfill"].test(run_conf=conf, logical_date=None)
    return run.state, {ti.task_id: ti.state for ti in run.get_task_instances()}


@pytest.mark.parametrize("conf, message", [
    ({"start": "2026-02-01", "end": "2026-01-31"},
     "Backfill start 2026-02-01 is after end 2026-01-31: the range is inclusive, start <= end."),
    ({"start": "2026-01-01", "end": "2027-01-02"},
     "Backfill 2026-01-01..2027-01-02 spans 367 days; at most 366 fit in one run"),
], ids=["start-after-end", "too-long"])
def test_an_inconsistent_range_fails_check_range_and_starts_no_pod(airflow_db, pods, capfd, conf, message):
    state, tasks = run_backfill(conf)
    assert state == "failed"
    assert tasks == {"check_range": "failed", "apply_and_wait_reprocess": "upstream_failed"}
    assert pods == []
    out, err = capfd.readouterr()
    assert message in out + err


def test_a_good_range_passes_check_range_and_reaches_the_pod(airflow_db, pods):
    state, tasks = run_backfill({"start": "2026-01-30", "end": "2026-02-02"})
    assert (state, tasks) == ("success", {"check_range": "success", "apply_and_wait_reprocess": "success"})
    assert len(pods) == 1
    assert 'from: "2026-01-30"' in pods[0]["REPROCESS_MANIFEST"]
    assert pods[0]["NAME"].startswith("backfill-20260130-20260202-")
