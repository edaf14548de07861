"""The one task both userflow DAGs run: apply a Reprocess, then wait for its Succeeded or Failed condition.

Manifests are ``${VAR}`` templates in ``templates/`` (string.Template), so they can be rendered and checked
without Airflow; values may be Jinja expressions, which Airflow renders at run time (``env_vars`` is a
templated field of KubernetesPodOperator). Airflow is imported only inside :func:`reprocess_task`, so the
standard-library tests (airflow/tests/test_dags.py) can load this module without Airflow installed.

Settings come from the scheduler's environment:
  USERFLOW_NAMESPACE          namespace of the FeaturePipeline and its Reprocesses (default: userflow)
  USERFLOW_PIPELINE           FeaturePipeline to run (default: clickstream)
  USERFLOW_KUBECTL_IMAGE      image with sh and kubectl (default: alpine/k8s:1.33.1)
  USERFLOW_AIRFLOW_SA         service account allowed to apply and watch Reprocesses (default: userflow-airflow)
  USERFLOW_TASK_RUN_AS_USER   non-root user id of the task pod (default: 65534, nobody)
"""
import os
from datetime import date, timedelta
from pathlib import Path
from string import Template

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
SCRIPT = HERE / "scripts" / "apply_and_wait_reprocess.sh"

NAMESPACE = os.environ.get("USERFLOW_NAMESPACE", "userflow")
PIPELINE = os.environ.get("USERFLOW_PIPELINE", "clickstream")
KUBECTL_IMAGE = os.environ.get("USERFLOW_KUBECTL_IMAGE", "alpine/k8s:1.33.1")
SERVICE_ACCOUNT = os.environ.get("USERFLOW_AIRFLOW_SA", "userflow-airflow")

# The task pod meets the restricted Pod Security Standard, so it runs in a namespace labelled
# pod-security.kubernetes.io/enforce=restricted. alpine/k8s starts as root; 65534 (nobody) only needs to run sh and
# kubectl with the ServiceAccount's token (kubectl's discovery cache under an unwritable HOME is only a warning).
RUN_AS_USER = int(os.environ.get("USERFLOW_TASK_RUN_AS_USER", "65534"))
POD_SECURITY_CONTEXT = {"runAsNonRoot": True, "runAsUser": RUN_AS_USER, "runAsGroup": RUN_AS_USER,
                        "seccompProfile": {"type": "RuntimeDefault"}}
CONTAINER_SECURITY_CONTEXT = {"allowPrivilegeEscalation": False, "privileged": False,
                              "capabilities": {"drop": ["ALL"]}, "readOnlyRootFilesystem": True,
                              "runAsNonRoot": True, "runAsUser": RUN_AS_USER}

# A Reprocess that outlives this is still running in the cluster; the task fails so someone looks.
WAIT_TIMEOUT = timedelta(hours=3)

# A bound so that a typo (2062 for 2026) is refused instead of starting a rebuild of decades; a leap year
# still fits in one run. Raise it if longer backfills are really wanted.
MAX_BACKFILL_DAYS = 366


def check_backfill_range(start: str, end: str) -> int:
    """Days in the inclusive range ``start``..``end`` (ISO dates); a reversed or too long range is an error.

    The params' JSON schemas already reject a missing or malformed date; this is the check a schema cannot
    express, comparing two params.
    """
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if first > last:
        raise ValueError(f"Backfill start {start} is after end {end}: the range is inclusive, start <= end.")
    days = (last - first).days + 1
    if days > MAX_BACKFILL_DAYS:
        raise ValueError(
            f"Backfill {start}..{end} spans {days} days; at most {MAX_BACKFILL_DAYS} fit in one run, "
            "so trigger several backfills of consecutive ranges."
        )
    return days


def render_manifest(template_name: str, **values: str) -> str:
    """Fills a ``templates/`` manifest; a missing value is an error, not an empty string."""
    return Template((TEMPLATES / template_name).read_text()).substitute(values)


def reprocess_task(task_id: str, template_name: str, name: str, **values: str):
    """A KubernetesPodOperator that applies ``template_name`` as Reprocess ``name`` and waits for it."""
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

    manifest = render_manifest(template_name, NAME=name, NAMESPACE=NAMESPACE, PIPELINE=PIPELINE, **values)
    return KubernetesPodOperator(
        task_id=task_id,
        name=task_id.replace("_", "-"),
        namespace=NAMESPACE,
        service_account_name=SERVICE_ACCOUNT,
        image=KUBECTL_IMAGE,
        security_context=POD_SECURITY_CONTEXT,
        container_security_context=CONTAINER_SECURITY_CONTEXT,
        cmds=["/bin/sh", "-c"],
        arguments=[SCRIPT.read_text()],
        env_vars={
            "NAME": name,
            "NAMESPACE": NAMESPACE,
            "REPROCESS_MANIFEST": manifest,
            "WAIT_TIMEOUT_SECONDS": str(int(WAIT_TIMEOUT.total_seconds())),
        },
        get_logs=True,
        on_finish_action="delete_pod",
        # Retries cover a lost pod or API hiccup; a failed Reprocess fails again at once until resumed.
        retries=2,
        retry_delay=timedelta(minutes=2),
        execution_timeout=WAIT_TIMEOUT + timedelta(minutes=10),
    )
