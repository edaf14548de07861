"""The Airflow RBAC of helm/userflow-stack (templates/airflow-rbac.yaml: ServiceAccount, Role, RoleBinding),
rendered for a namespace and service account. Not a copy: it reuses apiserver_tests' helm_airflow_rbac, which
fills in the template without a helm binary and reads the namespace and service account from its module.

    python airflow/operator_tests/stack_rbac.py | kubectl apply -f -
        (namespace $USERFLOW_NAMESPACE, service account $USERFLOW_AIRFLOW_SA; defaults userflow, userflow-airflow)
"""
import os
import sys
from pathlib import Path

import yaml

AIRFLOW = Path(__file__).resolve().parent.parent
if str(AIRFLOW / "apiserver_tests") not in sys.path:
    sys.path.append(str(AIRFLOW / "apiserver_tests"))
import dag_on_apiserver_test as rendering  # noqa: E402


def manifests(namespace: str, service_account: str) -> list[dict]:
    rendering.NAMESPACE, rendering.SA = namespace, service_account
    docs = rendering.helm_airflow_rbac()
    if {d["kind"] for d in docs} != {"ServiceAccount", "Role", "RoleBinding"}:
        raise ValueError(f"unexpected kinds in airflow-rbac.yaml: {[d['kind'] for d in docs]}")
    return docs


if __name__ == "__main__":
    print(yaml.safe_dump_all(manifests(os.environ.get("USERFLOW_NAMESPACE", "userflow"),
                                       os.environ.get("USERFLOW_AIRFLOW_SA", "userflow-airflow"))), end="")
