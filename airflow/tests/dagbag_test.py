"""The DAG files as Airflow parses them: no import errors or warnings, the expected DAGs, tasks, schedules
and params, and no deprecated API on import."""
import subprocess
import sys
import textwrap

import pendulum
import pytest

from conftest import DAGS

DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SCRIPT = DAGS / "scripts" / "apply_and_wait_reprocess.sh"


def test_the_dag_folder_parses_into_exactly_the_two_userflow_dags(dagbag):
    assert dagbag.import_errors == {}
    assert dagbag.captured_warnings == {}
    assert sorted(dagbag.dag_ids) == ["userflow_backfill", "userflow_hourly"]
    for dag in dagbag.dags.values():
        assert dag.catchup is False
        assert dag.max_active_runs == 1
        assert dag.tags == {"userflow"}


def test_hourly_runs_once_per_closed_utc_hour(dagbag, serialized_dag):
    assert [t.task_id for t in dagbag.dags["userflow_hourly"].tasks] == ["apply_and_wait_reprocess"]
    from airflow.timetables.base import DataInterval, TimeRestriction

    dag = serialized_dag("userflow_hourly")
    assert dag.timetable.summary == "0 * * * *"
    assert not dag.params
    noon = pendulum.datetime(2026, 1, 1, 12, tz="UTC")
    # What the scheduler asks after the 12:00-13:00 run: the next hour, started once it has closed.
    info = dag.timetable.next_dagrun_info(
        last_automated_data_interval=DataInterval(noon, noon.add(hours=1)),
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True),
    )
    assert (info.data_interval.start, info.data_interval.end) == (noon.add(hours=1), noon.add(hours=2))
    assert info.run_after == noon.add(hours=2)


def test_backfill_is_manual_and_checks_the_range_before_the_reprocess(dagbag, serialized_dag):
    sdk_dag = dagbag.dags["userflow_backfill"]
    assert sorted(sdk_dag.task_ids) == ["apply_and_wait_reprocess", "check_range"]
    assert sdk_dag.get_task("apply_and_wait_reprocess").upstream_task_ids == {"check_range"}
    assert sdk_dag.get_task("check_range").retries == 0

    from airflow.serialization.definitions.notset import is_arg_set

    dag = serialized_dag("userflow_backfill")
    assert dag.timetable.can_be_scheduled is False
    # The schemas as stored for the API server, which validates a trigger's conf against them.
    schemas = {name: dag.params.get_param(name).schema for name in dag.params}
    assert schemas == {
        "start": {"type": "string", "format": "date", "pattern": DATE, "title": "Start"},
        "end": {"type": "string", "format": "date", "pattern": DATE, "title": "End"},
    }
    for name in ("start", "end"):
        assert "inclusive" in dag.params.get_param(name).description
        assert not is_arg_set(dag.params.get_param(name).value), "no default: a backfill range must be given"


@pytest.mark.parametrize("dag_id", ["userflow_hourly", "userflow_backfill"])
def test_the_reprocess_task_is_a_pod_running_the_apply_and_wait_script(dagbag, dag_id):
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

    task = dagbag.dags[dag_id].get_task("apply_and_wait_reprocess")
    assert isinstance(task, KubernetesPodOperator)
    assert task.cmds == ["/bin/sh", "-c"]
    assert task.arguments == [SCRIPT.read_text()]
    assert (task.namespace, task.service_account_name) == ("userflow", "userflow-airflow")
    assert task.on_finish_action.value == "delete_pod"
    assert task.get_logs is True
    assert task.retries == 2
    assert sorted(task.env_vars) == ["NAME", "NAMESPACE", "REPROCESS_MANIFEST", "WAIT_TIMEOUT_SECONDS"]


# A fresh interpreter, so nothing imported earlier hides a warning; Airflow's own deprecation classes derive
# from DeprecationWarning, except the deprecated-import one, a FutureWarning.
IMPORT_WITH_DEPRECATIONS_AS_ERRORS = textwrap.dedent("""\
    import runpy, sys, warnings
    warnings.simplefilter("error", DeprecationWarning)
    warnings.simplefilter("error", PendingDeprecationWarning)
    from airflow.exceptions import AirflowProviderDeprecationWarning, RemovedInAirflow4Warning
    from airflow.utils.deprecation_tools import DeprecatedImportWarning
    for category in (AirflowProviderDeprecationWarning, RemovedInAirflow4Warning, DeprecatedImportWarning):
        warnings.simplefilter("error", category)
    sys.path.insert(0, sys.argv[2])
    runpy.run_path(sys.argv[1])
    """)


def import_strictly(path):
    return subprocess.run([sys.executable, "-c", IMPORT_WITH_DEPRECATIONS_AS_ERRORS, str(path), str(DAGS)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("file_name", ["userflow_hourly.py", "userflow_backfill.py", "reprocess_task.py"])
def test_dag_files_import_without_deprecation_warnings(airflow_env, file_name):
    result = import_strictly(DAGS / file_name)
    assert result.returncode == 0, result.stderr


def test_the_strict_import_does_catch_a_deprecated_airflow_2_import(airflow_env, tmp_path):
    old = tmp_path / "old_style_dag.py"
    old.write_text("from airflow.models.param import Param\n")
    result = import_strictly(old)
    assert result.returncode != 0
    assert "DeprecatedImportWarning" in result.stderr
