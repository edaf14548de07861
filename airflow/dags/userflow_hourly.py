"""userflow hourly: every hour, run Silver and Gold over what Bronze gained (a Reprocess in mode Auto).

The Reprocess is named after the data interval (hourly-20260101t130000 for 13:00-14:00, run at 14:00), so
a retried or cleared task re-applies the same object instead of starting a second run.
"""
import pendulum
from airflow.sdk import DAG, CronDataIntervalTimetable

from reprocess_task import reprocess_task

with DAG(
    dag_id="userflow_hourly",
    description="Hourly Silver and Gold run of the userflow pipeline (Reprocess, mode Auto)",
    # Airflow 3 reads a plain "@hourly" as a trigger (an empty data interval at the run time); the name
    # needs the hour that has just closed, so ask for data intervals explicitly.
    schedule=CronDataIntervalTimetable("@hourly", timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["userflow"],
) as dag:
    reprocess_task(
        task_id="apply_and_wait_reprocess",
        template_name="reprocess-hourly.yaml.tmpl",
        name="hourly-{{ data_interval_start | ts_nodash | lower }}",
    )
