"""Fixtures for the tests that need Airflow (the *_test.py files). dev/test.sh provides the environment (a
fresh AIRFLOW_HOME, SQLite, DAGS_FOLDER=airflow/dags, no examples); airflow_db creates the database."""
import os
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent / "dags"
BUNDLE = "dags-folder"  # Airflow's default bundle, a LocalDagBundle over core.dags_folder
# Where a bundle's DAG files find reprocess_task, as the DAG processor and workers put it.
if str(DAGS) not in sys.path:
    sys.path.append(str(DAGS))


@pytest.fixture(scope="session")
def airflow_env():
    home = os.environ.get("AIRFLOW_HOME", "")
    if not home or Path(os.environ.get("AIRFLOW__CORE__DAGS_FOLDER", "")).resolve() != DAGS:
        pytest.fail("run these tests with airflow/dev/test.sh: it sets AIRFLOW_HOME and the DAGs folder")
    return Path(home)


def parse_dags():
    """The DAG files parsed as the DAG processor and a worker parse a bundle (putting it on sys.path).

    Running or rendering a task changes its fields in place, so each use that does gets its own parse.
    """
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=DAGS, bundle_path=DAGS, bundle_name=BUNDLE)


@pytest.fixture(scope="session")
def dagbag(airflow_env):
    return parse_dags()


@pytest.fixture(scope="session")
def airflow_db(airflow_env, dagbag):
    """A fresh metadata database holding the serialized DAGs, as the DAG processor would leave it."""
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.dag_processing.dagbag import sync_bag_to_db
    from airflow.utils import db
    from airflow.utils.session import create_session

    db.initdb()
    with create_session() as session:
        DagBundlesManager().sync_bundles_to_db(session=session)
    sync_bag_to_db(dagbag, BUNDLE, None)


@pytest.fixture
def serialized_dag(airflow_db):
    """The DAG as the scheduler and API server see it (deserialized from the database)."""
    from airflow.models.dagbag import DBDagBag
    from airflow.utils.session import create_session

    def get(dag_id):
        with create_session() as session:
            return DBDagBag().get_latest_version_of_dag(dag_id, session=session)

    return get


@pytest.fixture
def render_task(serialized_dag):
    """Renders a task's templated fields for a new DAG run, the way a worker does before execute().

    The run is created by the scheduler's code (which validates params); the context comes from the Task
    SDK's RuntimeTaskInstance, as ``airflow tasks render`` builds it.
    """
    from airflow.api_fastapi.execution_api.datamodels.taskinstance import DagRun, TaskInstance, TIRunContext
    from airflow.models.dagrun import DagRun as DagRunModel
    from airflow.sdk.execution_time.task_runner import RuntimeTaskInstance
    from airflow.utils.session import create_session
    from airflow.utils.state import DagRunState
    from airflow.utils.types import DagRunTriggeredByType

    def render(dag_id, task_id, *, run_type, run_after, logical_date=None, data_interval=None,
               start_date=None, conf=None):
        task = parse_dags().dags[dag_id].get_task(task_id)
        with create_session() as session:
            dag_run = serialized_dag(dag_id).create_dagrun(
                run_id=DagRunModel.generate_run_id(run_type=run_type, logical_date=logical_date,
                                                   run_after=run_after),
                logical_date=logical_date, data_interval=data_interval, run_after=run_after,
                start_date=start_date or run_after, conf=conf, run_type=run_type,
                triggered_by=DagRunTriggeredByType.TEST, state=DagRunState.RUNNING, session=session)
            session.flush()
            ti = dag_run.get_task_instance(task_id, session=session)
            runtime_ti = RuntimeTaskInstance.model_construct(
                **TaskInstance.model_validate(ti, from_attributes=True).model_dump(exclude_unset=True),
                task=task,
                _ti_context_from_server=TIRunContext(
                    dag_run=DagRun.model_validate(dag_run, from_attributes=True), max_tries=ti.max_tries,
                    variables=[], connections=[], xcom_keys_to_clear=[]),
            )
            runtime_ti.render_templates()
        return task

    return render
