"""The Reprocess each DAG applies, rendered by Airflow for a given run and checked against the CRD."""
import pendulum
import pytest
import yaml
from jsonschema import ValidationError

from conftest import DAGS
from crd_schema import reprocess_validator
from reprocess_task import render_manifest

TASK = "apply_and_wait_reprocess"


@pytest.fixture(scope="module")
def crd():
    return reprocess_validator()


def env_of(task):
    return {e.name: e.value for e in task.env_vars}


def reprocess_of(task, crd):
    env = env_of(task)
    manifest = yaml.safe_load(env["REPROCESS_MANIFEST"])
    crd.validate(manifest)
    assert manifest["metadata"]["name"] == env["NAME"], "the script waits for the object it applied"
    assert manifest["metadata"]["namespace"] == env["NAMESPACE"] == task.namespace == "userflow"
    assert manifest["metadata"]["labels"] == {"app.kubernetes.io/managed-by": "airflow",
                                              "userflow.io/pipeline": "clickstream"}
    assert manifest["spec"]["pipelineRef"] == "clickstream"
    assert manifest["spec"]["stages"] == ["Silver", "Gold"]
    # Rendering leaves the script alone (it has no Jinja), apart from Jinja dropping the final newline.
    assert task.arguments == [(DAGS / "scripts" / "apply_and_wait_reprocess.sh").read_text().rstrip("\n")]
    assert int(env["WAIT_TIMEOUT_SECONDS"]) == 3 * 3600
    return manifest


@pytest.mark.parametrize("hour, name", [(13, "hourly-20260101t130000"), (0, "hourly-20260101t000000")])
def test_hourly_reprocess_is_named_after_its_data_interval(render_task, serialized_dag, crd, hour, name):
    from airflow.timetables.base import DataInterval, TimeRestriction
    from airflow.utils.types import DagRunType

    start = pendulum.datetime(2026, 1, 1, hour, tz="UTC")
    info = serialized_dag("userflow_hourly").timetable.next_dagrun_info(
        last_automated_data_interval=DataInterval(start.subtract(hours=1), start),
        restriction=TimeRestriction(earliest=None, latest=None, catchup=True),
    )
    task = render_task("userflow_hourly", TASK, run_type=DagRunType.SCHEDULED, logical_date=info.logical_date,
                       data_interval=info.data_interval, run_after=info.run_after)
    reprocess = reprocess_of(task, crd)
    assert reprocess["metadata"]["name"] == name
    assert reprocess["spec"]["mode"] == "Auto"
    assert "range" not in reprocess["spec"]


def test_backfill_reprocess_covers_the_range_and_is_named_after_range_and_run(render_task, crd):
    from airflow.utils.types import DagRunType

    started = pendulum.datetime(2026, 11, 25, 23, 45, 1, tz="UTC")
    task = render_task("userflow_backfill", TASK, run_type=DagRunType.MANUAL, run_after=started,
                       start_date=started, conf={"start": "2026-01-01", "end": "2026-01-31"})
    reprocess = reprocess_of(task, crd)
    assert reprocess["metadata"]["name"] == "backfill-20260101-20260131-20261125t234501"
    assert reprocess["spec"]["mode"] == "Full"
    assert reprocess["spec"]["range"] == {"from": "2026-01-01", "to": "2026-01-31"}


@pytest.mark.parametrize("spoil, complaint", [
    (lambda r: r["spec"].update(mode="Hourly"), "is not one of"),
    (lambda r: r["spec"].update(retrylimit=2), "Additional properties are not allowed"),
    (lambda r: r["spec"]["range"].update({"from": "2026-1-1"}), "does not match"),
    (lambda r: r["spec"].pop("pipelineRef"), "'pipelineRef' is a required property"),
    (lambda r: r["metadata"].update(name="Backfill_1"), "does not match"),
    (lambda r: r.update(apiVersion="userflow.io/v1"), "is not one of"),
], ids=["mode", "unknown-field", "range-date", "no-pipeline", "name", "api-version"])
def test_the_crd_check_rejects_what_the_api_server_would(crd, spoil, complaint):
    reprocess = yaml.safe_load(render_manifest("reprocess-backfill.yaml.tmpl", NAME="b", NAMESPACE="userflow",
                                               PIPELINE="clickstream", FROM_DATE="2026-01-01", TO_DATE="2026-01-02"))
    crd.validate(reprocess)
    spoil(reprocess)
    with pytest.raises(ValidationError, match=complaint):
        crd.validate(reprocess)
