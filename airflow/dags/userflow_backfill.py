"""userflow backfill: rebuild Silver and Gold for a range of event dates (a Reprocess in mode Full).

Trigger it by hand with params start and end (inclusive UTC event dates, YYYY-MM-DD). Their JSON schemas
reject a missing or malformed date when the run is created; check_range then rejects start after end, or
a range too long for one run, before any pod starts. The Reprocess is named after the range and the DAG
run, so a retried task re-applies the same object, and a new trigger for the same range starts a new run.

Airflow asks for the run; it cannot approve it. Under the operator's approval policy (chart values approvalPolicy:
a FULL rebuild of tables an earlier run wrote, a range over maxDays days) the Reprocess waits in AwaitingApproval,
whatever its spec.approval says, until someone granted create on reprocessapprovals creates a ReprocessApproval
naming its status.planHash (docs/SECURITY.md); the task keeps waiting meanwhile, up to its timeout.
"""
import pendulum
from airflow.sdk import DAG, Param, task

from reprocess_task import MAX_BACKFILL_DAYS, check_backfill_range, reprocess_task

# Format "date" rejects 2026-02-30 (Airflow validates params with a format checker, and its trigger form
# shows a date picker); the pattern is the Reprocess CRD's own for range.from/to, so what passes here also
# passes the API server, even for a schema reader that ignores formats.
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

with DAG(
    dag_id="userflow_backfill",
    description="Full Silver and Gold rebuild of the userflow pipeline for an event-date range",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    params={
        "start": Param(type="string", format="date", pattern=DATE, title="Start",
                       description="First UTC event date to rebuild, inclusive (YYYY-MM-DD)"),
        "end": Param(type="string", format="date", pattern=DATE, title="End",
                     description=f"Last UTC event date to rebuild, inclusive; a range spans at most "
                                 f"{MAX_BACKFILL_DAYS} days"),
    },
    tags=["userflow"],
) as dag:

    # Not retried: a reversed or oversized range stays wrong.
    @task(retries=0)
    def check_range(start: str, end: str) -> int:
        return check_backfill_range(start, end)

    check_range("{{ params.start }}", "{{ params.end }}") >> reprocess_task(
        task_id="apply_and_wait_reprocess",
        template_name="reprocess-backfill.yaml.tmpl",
        name="backfill-{{ params.start | replace('-', '') }}-{{ params.end | replace('-', '') }}"
        "-{{ dag_run.start_date | ts_nodash | lower }}",
        FROM_DATE="{{ params.start }}",
        TO_DATE="{{ params.end }}",
    )
