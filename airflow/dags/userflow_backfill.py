"""userflow backfill: rebuild Silver and Gold for a range of event dates (a Reprocess in mode Full).

Trigger it by hand with params from_date and to_date (inclusive, YYYY-MM-DD). The Reprocess is named
after the range and the DAG run, so a retried task re-applies the same object, and a new trigger for the
same range starts a new run.
"""
import pendulum
from airflow import DAG
from airflow.models.param import Param

from reprocess_task import reprocess_task

DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

with DAG(
    dag_id="userflow_backfill",
    description="Full Silver and Gold rebuild of the userflow pipeline for an event-date range",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    params={
        "from_date": Param(type="string", pattern=DATE, description="First UTC event date, inclusive"),
        "to_date": Param(type="string", pattern=DATE, description="Last UTC event date, inclusive"),
    },
    tags=["userflow"],
) as dag:
    reprocess_task(
        task_id="apply_and_wait_reprocess",
        template_name="reprocess-backfill.yaml.tmpl",
        name="backfill-{{ params.from_date | replace('-', '') }}-{{ params.to_date | replace('-', '') }}"
        "-{{ dag_run.start_date | ts_nodash | lower }}",
        FROM_DATE="{{ params.from_date }}",
        TO_DATE="{{ params.to_date }}",
    )
