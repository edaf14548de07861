"""Checks the userflow DAGs without Airflow: they compile, declare the expected DAGs and tasks (read with
ast, not imported), render their Reprocess manifests, check a backfill range, and their pod script applies,
waits and reports a failure's recovery hint (run against a fake kubectl).

Run from the repository root: python3 -m unittest discover -s airflow/tests (deploy-tests AirflowDagsTest
does, with no Airflow installed). airflow/dev/test.sh runs this file too, with the Airflow tests.
"""
import ast
import importlib.util
import os
import py_compile
import re
import stat
import subprocess
import tempfile
import textwrap
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parent.parent / "dags"
DAG_FILES = {"userflow_hourly": DAGS / "userflow_hourly.py", "userflow_backfill": DAGS / "userflow_backfill.py"}
SCRIPT = DAGS / "scripts" / "apply_and_wait_reprocess.sh"
K8S_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")


def load_reprocess_task():
    spec = importlib.util.spec_from_file_location("reprocess_task", DAGS / "reprocess_task.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def literal(node):
    """Value of a constant expression, including implicitly concatenated strings."""
    return ast.literal_eval(node)


class DagFile:
    """The DAG(...) and reprocess_task(...) calls of one DAG file, read with ast."""

    def __init__(self, path: Path):
        self.tree = ast.parse(path.read_text(), filename=str(path))
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
        self.dags = [c for c in calls if c.func.id == "DAG"]
        self.tasks = [c for c in calls if c.func.id == "reprocess_task"]

    @staticmethod
    def kwargs(call):
        return {k.arg: k.value for k in call.keywords}

    def imports(self):
        out = set()
        for n in ast.walk(self.tree):
            if isinstance(n, ast.ImportFrom):
                out.update(f"{n.module}.{a.name}" for a in n.names)
        return out


class DagFilesTest(unittest.TestCase):
    def test_every_dag_file_compiles(self):
        for path in [*DAG_FILES.values(), DAGS / "reprocess_task.py"]:
            with self.subTest(path=path.name), tempfile.TemporaryDirectory() as tmp:
                py_compile.compile(str(path), cfile=str(Path(tmp) / "out.pyc"), doraise=True)

    def test_each_file_declares_one_dag_with_its_file_name_as_id(self):
        for dag_id, path in DAG_FILES.items():
            with self.subTest(dag_id=dag_id):
                f = DagFile(path)
                self.assertEqual(len(f.dags), 1)
                kw = DagFile.kwargs(f.dags[0])
                self.assertEqual(literal(kw["dag_id"]), dag_id)
                self.assertIs(literal(kw["catchup"]), False)
                self.assertEqual(literal(kw["max_active_runs"]), 1)
                self.assertIn("airflow.sdk.DAG", f.imports())
                self.assertIn("reprocess_task.reprocess_task", f.imports())

    def test_hourly_runs_every_hour_in_mode_auto_named_after_the_data_interval(self):
        f = DagFile(DAG_FILES["userflow_hourly"])
        schedule = DagFile.kwargs(f.dags[0])["schedule"]
        self.assertEqual(schedule.func.id, "CronDataIntervalTimetable")
        self.assertEqual([literal(a) for a in schedule.args], ["@hourly"])
        self.assertEqual(literal(DagFile.kwargs(schedule)["timezone"]), "UTC")
        self.assertIn("airflow.sdk.CronDataIntervalTimetable", f.imports())
        self.assertEqual(len(f.tasks), 1)
        task = DagFile.kwargs(f.tasks[0])
        self.assertEqual(literal(task["task_id"]), "apply_and_wait_reprocess")
        self.assertEqual(literal(task["template_name"]), "reprocess-hourly.yaml.tmpl")
        self.assertEqual(literal(task["name"]), "hourly-{{ data_interval_start | ts_nodash | lower }}")

    def test_backfill_is_manual_with_date_params_and_mode_full(self):
        f = DagFile(DAG_FILES["userflow_backfill"])
        kw = DagFile.kwargs(f.dags[0])
        self.assertIsNone(literal(kw["schedule"]))
        params = kw["params"]
        self.assertIsInstance(params, ast.Dict)
        self.assertEqual({literal(k) for k in params.keys}, {"start", "end"})
        for value in params.values:
            self.assertEqual(value.func.id, "Param")
            self.assertEqual(literal(DagFile.kwargs(value)["format"]), "date")
        self.assertIn("airflow.sdk.Param", f.imports())
        task = DagFile.kwargs(f.tasks[0])
        self.assertEqual(literal(task["task_id"]), "apply_and_wait_reprocess")
        self.assertEqual(literal(task["template_name"]), "reprocess-backfill.yaml.tmpl")
        self.assertEqual(literal(task["FROM_DATE"]), "{{ params.start }}")
        self.assertEqual(literal(task["TO_DATE"]), "{{ params.end }}")
        name = literal(task["name"])
        self.assertTrue(name.startswith("backfill-{{ params.start"), name)
        self.assertIn("dag_run.start_date | ts_nodash | lower", name)

    def test_the_task_is_a_kubernetes_pod_running_the_script(self):
        tree = ast.parse((DAGS / "reprocess_task.py").read_text())
        imported = {f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        self.assertIn("airflow.providers.cncf.kubernetes.operators.pod.KubernetesPodOperator", imported)
        pod = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "KubernetesPodOperator"]
        self.assertEqual(len(pod), 1)
        kw = DagFile.kwargs(pod[0])
        self.assertEqual(literal(kw["cmds"]), ["/bin/sh", "-c"])
        for required in ("task_id", "namespace", "image", "arguments", "env_vars", "service_account_name",
                         "get_logs", "on_finish_action"):
            self.assertIn(required, kw)


class ManifestTest(unittest.TestCase):
    def setUp(self):
        self.rt = load_reprocess_task()

    def test_templates_render_completely(self):
        hourly = self.rt.render_manifest("reprocess-hourly.yaml.tmpl", NAME="hourly-20260101t130000",
                                         NAMESPACE="userflow", PIPELINE="clickstream")
        self.assertNotIn("${", hourly)
        self.assertIn("kind: Reprocess", hourly)
        self.assertIn("name: hourly-20260101t130000", hourly)
        self.assertIn("mode: Auto", hourly)
        backfill = self.rt.render_manifest("reprocess-backfill.yaml.tmpl", NAME="b", NAMESPACE="userflow",
                                           PIPELINE="clickstream", FROM_DATE="2026-01-01", TO_DATE="2026-01-31")
        self.assertNotIn("${", backfill)
        self.assertIn("mode: Full", backfill)
        self.assertIn('from: "2026-01-01"', backfill)

    def test_a_missing_value_is_an_error(self):
        with self.assertRaises(KeyError):
            self.rt.render_manifest("reprocess-backfill.yaml.tmpl", NAME="b", NAMESPACE="n", PIPELINE="p")

    def test_a_backfill_range_is_inclusive_ordered_and_bounded(self):
        self.assertEqual(self.rt.check_backfill_range("2026-01-01", "2026-01-01"), 1)
        self.assertEqual(self.rt.check_backfill_range("2024-01-01", "2024-12-31"), 366)
        with self.assertRaisesRegex(ValueError, "start 2026-01-02 is after end 2026-01-01"):
            self.rt.check_backfill_range("2026-01-02", "2026-01-01")
        with self.assertRaisesRegex(ValueError, "spans 367 days; at most 366"):
            self.rt.check_backfill_range("2026-01-01", "2027-01-02")

    def test_rendered_names_are_kubernetes_names(self):
        # What Airflow's ts_nodash and lower make of a data interval start and a run start.
        for name in ("hourly-20260101t130000", "backfill-20260101-20260131-20261125t234501"):
            self.assertRegex(name, K8S_NAME)


FAKE_KUBECTL = textwrap.dedent("""\
    #!/bin/sh
    # Fake kubectl: logs its arguments; FAKE_STATE (succeeded|failed|running) decides the answers.
    echo "$*" >> "$FAKE_DIR/calls"
    case "$1" in
      apply) cat > "$FAKE_DIR/applied.yaml"; echo "reprocess.userflow.io/$NAME created" ;;
      wait) [ "$FAKE_STATE" = succeeded ] && exit 0; exit 1 ;;
      get)
        case "$*" in
          *'type=="Failed"'*) [ "$FAKE_STATE" = failed ] && printf True ;;
          *nextStep*) printf '  next step: Fix the source data, then resume.\\n' ;;
          *) echo "NAME PHASE" ;;
        esac ;;
      *) exit 2 ;;
    esac
    """)


class ApplyAndWaitScriptTest(unittest.TestCase):
    def run_script(self, state, timeout="600"):
        with tempfile.TemporaryDirectory() as tmp:
            kubectl = Path(tmp) / "kubectl"
            kubectl.write_text(FAKE_KUBECTL)
            kubectl.chmod(kubectl.stat().st_mode | stat.S_IEXEC)
            env = dict(os.environ, PATH=f"{tmp}:{os.environ['PATH']}", FAKE_DIR=tmp, FAKE_STATE=state,
                       NAME="hourly-20260101t130000", NAMESPACE="userflow",
                       REPROCESS_MANIFEST="kind: Reprocess", WAIT_TIMEOUT_SECONDS=timeout)
            result = subprocess.run(["/bin/sh", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
            calls = (Path(tmp) / "calls").read_text().splitlines()
            applied = (Path(tmp) / "applied.yaml").read_text()
            return result, calls, applied

    def test_success_applies_then_waits_for_succeeded(self):
        result, calls, applied = self.run_script("succeeded")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(applied, "kind: Reprocess\n")
        self.assertTrue(calls[0].startswith("apply -n userflow -f -"), calls)
        self.assertIn("wait reprocess/hourly-20260101t130000 -n userflow --for=condition=Succeeded --timeout=60s", calls)
        self.assertIn("succeeded", result.stdout)

    def test_failure_fails_the_task_with_the_recovery_hint(self):
        result, _, _ = self.run_script("failed")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Reprocess hourly-20260101t130000 failed", result.stdout)
        self.assertIn("next step: Fix the source data, then resume.", result.stdout)
        self.assertIn("kubectl get rp hourly-20260101t130000 -n userflow -o jsonpath='{.status.failure.nextStep}'",
                      result.stdout)
        self.assertIn("userflow.io/retry=", result.stdout)

    def test_a_run_past_the_timeout_fails_the_task(self):
        result, _, _ = self.run_script("running", timeout="0")
        self.assertEqual(result.returncode, 1)
        self.assertIn("neither succeeded nor failed", result.stdout)


if __name__ == "__main__":
    unittest.main()
