"""The container image and Kubernetes manifests of deploy/, checked statically: no container engine or cluster
here. Manifests against the Kubernetes schemas shipped by the kubernetes-validate package (no network)."""
from __future__ import annotations

import copy
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
K8S_VERSION = "1.37.0"


def manifests() -> dict[str, dict]:
    return {doc["kind"]: doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())}


@pytest.mark.parametrize("kind", ["Deployment", "Service", "Ingress"])
def test_manifest_matches_the_kubernetes_schema(kind):
    kubernetes_validate.validate(manifests()[kind], K8S_VERSION, strict=True)


def test_the_validator_rejects_a_broken_manifest():
    broken = copy.deepcopy(manifests()["Deployment"])
    broken["spec"]["replicas"] = "three"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSION, strict=True)


def test_deployment_runs_replicas_non_root_with_probes_and_resources():
    spec = manifests()["Deployment"]["spec"]
    assert spec["replicas"] >= 2
    pod = spec["template"]["spec"]
    container = pod["containers"][0]
    assert pod["securityContext"]["runAsNonRoot"] and container["securityContext"]["readOnlyRootFilesystem"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert container["livenessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) <= set(container["resources"]["limits"])
    service = manifests()["Service"]["spec"]
    assert service["selector"] == spec["selector"]["matchLabels"]


def test_ingress_keeps_each_browser_on_its_replica_with_long_websocket_timeouts():
    notes = manifests()["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert "frame-ancestors 'none'" in notes["nginx.ingress.kubernetes.io/configuration-snippet"]


def test_dockerfile_runs_non_root_read_only_data_with_a_health_check():
    parser = DockerfileParser(path=str(ROOT / "deploy" / "Dockerfile"))
    instructions = [(i["instruction"], i["value"]) for i in parser.structure]
    kinds = [kind for kind, _ in instructions]
    assert parser.baseimage.startswith("python:3.11")
    users = [value for kind, value in instructions if kind == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert kinds.index("USER") > max(i for i, k in enumerate(kinds) if k in ("COPY", "RUN"))
    assert any(kind == "RUN" and "a-w /app" in value for kind, value in instructions)
    assert any(kind == "HEALTHCHECK" and "/_stcore/health" in value for kind, value in instructions)
    # every folder the app imports or reads is in the image
    copied = " ".join(value for kind, value in instructions if kind == "COPY")
    for needed in ("dashboard.py", "components", "quartiers", "views", "data", ".streamlit", "requirements.txt"):
        assert needed in copied


def test_image_and_pods_get_the_replicas_malloc_settings():
    from deploy.serve import REPLICA_ENV
    image_env = DockerfileParser(path=str(ROOT / "deploy" / "Dockerfile")).envs
    container = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    pod_env = {e["name"]: e["value"] for e in container["env"]}
    for name, value in REPLICA_ENV.items():
        assert image_env[name] == value and pod_env[name] == value
