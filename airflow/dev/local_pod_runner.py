"""Stands in for a kubelet on a control plane without nodes: runs the pods of one namespace as local processes.

For each new pod it marks the pod Running (status subresource), runs its first container's command and args
here with the pod's env, kubectl on PATH and a kubeconfig holding a token of the pod's ServiceAccount (so
the pod acts with exactly the rights RBAC gives it), then writes the terminal status: phase Succeeded or
Failed and the container's terminated exitCode, reason and message (the output's tail). The output is
kept in ``logs``; there is no kubelet to serve it through the API. Volumes are not mounted (the
ServiceAccount token comes through the kubeconfig instead); valueFrom env or more than one container fail
the pod with a message saying so.

    python airflow/dev/local_pod_runner.py --namespace userflow --kubectl-dir DIR   (KUBECONFIG: an admin)
"""
import argparse
import datetime
import os
import subprocess
import tempfile
import threading
from pathlib import Path

import yaml
from kubernetes import client, config, watch

MESSAGE_LIMIT = 4096  # what a kubelet keeps of a termination message


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class LocalPodRunner:
    def __init__(self, kubeconfig: str, namespace: str, kubectl_dir: str, timeout_seconds: int = 600):
        self.kubeconfig, self.namespace, self.kubectl_dir = kubeconfig, namespace, kubectl_dir
        self.timeout_seconds = timeout_seconds
        self.api = client.CoreV1Api(config.new_client_from_config(config_file=kubeconfig))
        self.logs: dict[str, str] = {}
        self.pods: dict[str, client.V1Pod] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="local-pod-runner", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=10)

    def _watch(self):
        while not self._stop.is_set():
            # A short server-side timeout, so stop() is noticed; pods are started once, by name and uid.
            for event in watch.Watch().stream(self.api.list_namespaced_pod, self.namespace, timeout_seconds=2):
                pod = event["object"]
                if event["type"] in ("ADDED", "MODIFIED") and pod.status.phase == "Pending" \
                        and pod.metadata.uid not in {p.metadata.uid for p in self.pods.values()}:
                    self.pods[pod.metadata.name] = pod
                    threading.Thread(target=self.run_pod, args=(pod,), daemon=True).start()

    def _status(self, name, phase, state, **extra):
        container = {"name": self.pods[name].spec.containers[0].name, "image": self.pods[name].spec.containers[0].image,
                     "imageID": "", "ready": phase == "Running", "restartCount": 0, "state": state, **extra}
        self.api.patch_namespaced_pod_status(name, self.namespace, {"status": {
            "phase": phase, "containerStatuses": [container],
            "conditions": [{"type": "Ready", "status": "True" if phase == "Running" else "False"}]}})

    def run_pod(self, pod: client.V1Pod):
        name, started = pod.metadata.name, _now()
        self._status(name, "Running", {"running": {"startedAt": started}}, started=True)
        try:
            exit_code, output = self._execute(pod)
        except Exception as e:  # the pod fails, as a kubelet would report a container it could not start
            exit_code, output = 128, f"local-pod-runner could not run the pod: {e}"
        self.logs[name] = output
        terminated = {"exitCode": exit_code, "reason": "Completed" if exit_code == 0 else "Error",
                      "message": output[-MESSAGE_LIMIT:], "startedAt": started, "finishedAt": _now()}
        self._status(name, "Succeeded" if exit_code == 0 else "Failed", {"terminated": terminated}, started=False)

    def _execute(self, pod: client.V1Pod):
        spec = pod.spec
        if len(spec.containers) != 1 or spec.init_containers:
            raise ValueError("only pods with one container and no init containers run here")
        container = spec.containers[0]
        env = {}
        for var in container.env or []:
            if var.value_from is not None:
                raise ValueError(f"env {var.name} uses valueFrom, which is not supported")
            env[var.name] = var.value or ""
        with tempfile.TemporaryDirectory(prefix=f"pod-{pod.metadata.name}-") as home:
            env.update(HOME=home, KUBECONFIG=self._service_account_kubeconfig(spec.service_account_name or "default",
                                                                                Path(home)),
                       PATH=f"{self.kubectl_dir}:/usr/local/bin:/usr/bin:/bin")
            command = (container.command or []) + (container.args or [])
            result = subprocess.run(command, env=env, cwd=home, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, timeout=self.timeout_seconds)
        return result.returncode, result.stdout

    def _service_account_kubeconfig(self, service_account: str, home: Path) -> str:
        token = subprocess.run([f"{self.kubectl_dir}/kubectl", "create", "token", service_account,
                                "-n", self.namespace, "--duration=1h"], env={**os.environ, "KUBECONFIG": self.kubeconfig},
                               check=True, capture_output=True, text=True).stdout.strip()
        admin = yaml.safe_load(Path(self.kubeconfig).read_text())
        current = next(c["context"] for c in admin["contexts"] if c["name"] == admin["current-context"])
        cluster = next(c for c in admin["clusters"] if c["name"] == current["cluster"])
        path = home / "kubeconfig"
        path.write_text(yaml.safe_dump({
            "apiVersion": "v1", "kind": "Config", "clusters": [cluster], "current-context": "pod",
            "users": [{"name": service_account, "user": {"token": token}}],
            "contexts": [{"name": "pod", "context": {"cluster": cluster["name"], "user": service_account,
                                                     "namespace": self.namespace}}]}))
        path.chmod(0o600)
        return str(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--namespace", required=True)
    parser.add_argument("--kubectl-dir", required=True, help="folder holding kubectl (cluster/build.sh prints it)")
    args = parser.parse_args()
    runner = LocalPodRunner(os.environ["KUBECONFIG"], args.namespace, args.kubectl_dir).start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        runner.stop()


if __name__ == "__main__":
    main()
