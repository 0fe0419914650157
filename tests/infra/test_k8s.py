"""infra/k8s: every manifest is valid against the Kubernetes schemas (strict: no unknown field), and
the production rules hold: two replicas or more, probes, requests and limits, a disruption budget,
autoscaling for the gateway and plans-api, migrations as Jobs only, secrets from Secret objects,
non-root and read-only containers, and only the gateway reachable from the ingress."""

from __future__ import annotations

import copy
import importlib
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "infra" / "k8s"
KUBERNETES_VERSION = "1.31.0"
SERVICES = {  # Deployment → (settings package, prefix, port or None)
    "gateway": ("gateway", "GATEWAY_", 8000),
    "plans-api": ("plans_api", "PLANS_", 8101),
    "scoring-api": ("scoring_api", "SCORING_", 8102),
    "notify": ("notify", "NOTIFY_", 8103),
    "notify-worker": ("notify", "NOTIFY_", None),
}
AUTOSCALED = {"gateway", "plans-api"}
SECRET_WORDS = ("DATABASE_URL", "SECRET", "PASSWORD", "USERNAME")
# The services' own calls to each other's internal routes; everything else comes through the gateway.
INTERNAL_CALLERS = {
    "plans-api": {"gateway", "scoring-api", "notify", "notify-worker"},
    "scoring-api": {"gateway", "notify", "notify-worker"},
    "notify": {"gateway"},
}


def load() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        documents += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return documents


def of_kind(documents: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in documents if doc["kind"] == kind}


def production_problems(documents: list[dict[str, Any]]) -> list[str]:
    """What keeps these manifests from production (empty when nothing does)."""
    problems: list[str] = []
    deployments = of_kind(documents, "Deployment")
    budgets = {
        doc["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for doc in of_kind(documents, "PodDisruptionBudget").values()
    }
    scalers = {
        doc["spec"]["scaleTargetRef"]["name"]: doc
        for doc in of_kind(documents, "HorizontalPodAutoscaler").values()
    }
    jobs = of_kind(documents, "Job")
    for name in SERVICES:
        if name not in deployments:
            problems.append(f"{name}: no Deployment")
    for name, deployment in deployments.items():
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        if spec.get("replicas", 1) < 2:
            problems.append(f"{name}: fewer than two replicas")
        if name not in budgets:
            problems.append(f"{name}: no PodDisruptionBudget")
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            problems.append(f"{name}: may run as root")
        for container in pod["containers"]:
            context = container.get("securityContext", {})
            if not context.get("readOnlyRootFilesystem"):
                problems.append(f"{name}: root file system writable")
            if context.get("allowPrivilegeEscalation", True):
                problems.append(f"{name}: privilege escalation allowed")
            resources = container.get("resources", {})
            for part in ("requests", "limits"):
                if not {"cpu", "memory"} <= set(resources.get(part, {})):
                    problems.append(f"{name}: no cpu and memory {part}")
            if "migrate" in container.get("command", []) or "migrate" in " ".join(
                container.get("command", [])
            ):
                problems.append(f"{name}: migrates in its start command")
            if SERVICES.get(name, ("", "", None))[2] is not None:
                if container.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
                    problems.append(f"{name}: readiness is not /readyz")
                if container.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
                    problems.append(f"{name}: liveness is not /healthz")
            for variable in container.get("env", []):
                if any(
                    word in variable["name"] for word in SECRET_WORDS
                ) and "secretKeyRef" not in variable.get("valueFrom", {}):
                    problems.append(f"{name}: {variable['name']} is not from a Secret")
    for name in AUTOSCALED:
        scaler = scalers.get(name)
        if scaler is None:
            problems.append(f"{name}: no HorizontalPodAutoscaler")
        elif scaler["spec"].get("minReplicas", 1) < 2:
            problems.append(f"{name}: autoscaler may go below two replicas")
    for service in ("gateway", "plans-api", "scoring-api", "notify"):
        job = jobs.get(f"migrate-{service}")
        if (
            job is None
            or job["spec"]["template"]["spec"]["containers"][0]["command"][-1] != "migrate"
        ):
            problems.append(f"{service}: no migration Job")
    gateway_env = {
        v["name"]
        for v in deployments.get("gateway", {})
        .get("spec", {})
        .get("template", {})
        .get("spec", {})
        .get("containers", [{}])[0]
        .get("env", [])
    }
    if "GATEWAY_TRUSTED_PROXIES" not in gateway_env:
        problems.append("gateway: trusts no ingress (GATEWAY_TRUSTED_PROXIES unset)")
    problems += network_problems(documents)
    return problems


def network_problems(documents: list[dict[str, Any]]) -> list[str]:
    policies = list(of_kind(documents, "NetworkPolicy").values())
    problems: list[str] = []
    deny = [
        p
        for p in policies
        if p["spec"]["podSelector"].get("matchLabels") == {"app.kubernetes.io/part-of": "chiiki"}
        and not p["spec"].get("ingress")
    ]
    if not deny:
        problems.append("no default deny for the platform's pods")
    for policy in policies:
        target = policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name")
        if target is None:
            continue
        for rule in policy["spec"].get("ingress", []):
            for peer in rule.get("from", []):
                if "namespaceSelector" in peer and target != "gateway":
                    problems.append(f"{target}: reachable from another namespace")
                caller = (
                    peer.get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name")
                )
                if caller is not None and caller not in INTERNAL_CALLERS.get(target, set()):
                    problems.append(f"{target}: reachable from {caller}")
                if not peer:
                    problems.append(f"{target}: reachable from anywhere")
    return problems


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    return load()


def test_every_manifest_is_valid_against_the_kubernetes_schemas(
    documents: list[dict[str, Any]],
) -> None:
    assert len(documents) >= 20
    for document in documents:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_schema_check_refuses_an_unknown_or_mistyped_field(
    documents: list[dict[str, Any]],
) -> None:
    deployment = copy.deepcopy(of_kind(documents, "Deployment")["gateway"])
    deployment["spec"]["replica"] = (
        2  # a typo Kubernetes would silently ignore without strict checks
    )
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    deployment = copy.deepcopy(of_kind(documents, "Deployment")["gateway"])
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_the_manifests_are_production_grade(documents: list[dict[str, Any]]) -> None:
    assert production_problems(documents) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: of_kind(d, "Deployment")["plans-api"]["spec"].update(replicas=1),
            "plans-api: fewer than two replicas",
        ),
        (
            lambda d: d.remove(of_kind(d, "PodDisruptionBudget")["scoring-api"]),
            "scoring-api: no PodDisruptionBudget",
        ),
        (
            lambda d: d.remove(of_kind(d, "HorizontalPodAutoscaler")["gateway"]),
            "gateway: no HorizontalPodAutoscaler",
        ),
        (lambda d: d.remove(of_kind(d, "Job")["migrate-notify"]), "notify: no migration Job"),
        (
            lambda d: of_kind(d, "Deployment")["notify"]["spec"]["template"]["spec"]["containers"][
                0
            ].update(command=["sh", "-c", "chiiki-notify migrate && chiiki-notify serve"]),
            "notify: migrates in its start command",
        ),
        (
            lambda d: of_kind(d, "Deployment")["gateway"]["spec"]["template"]["spec"][
                "securityContext"
            ].update(runAsNonRoot=False),
            "gateway: may run as root",
        ),
        (
            lambda d: of_kind(d, "Deployment")["gateway"]["spec"]["template"]["spec"]["containers"][
                0
            ]["securityContext"].update(readOnlyRootFilesystem=False),
            "gateway: root file system writable",
        ),
        (
            lambda d: of_kind(d, "Deployment")["scoring-api"]["spec"]["template"]["spec"][
                "containers"
            ][0]["resources"].pop("limits"),
            "scoring-api: no cpu and memory limits",
        ),
        (
            lambda d: of_kind(d, "Deployment")["plans-api"]["spec"]["template"]["spec"][
                "containers"
            ][0]["env"].append({"name": "PLANS_DATABASE_URL", "value": "postgresql://x"}),
            "plans-api: PLANS_DATABASE_URL is not from a Secret",
        ),
        (
            lambda d: of_kind(d, "Deployment")["notify"]["spec"]["template"]["spec"]["containers"][
                0
            ]["readinessProbe"]["httpGet"].update(path="/healthz"),
            "notify: readiness is not /readyz",
        ),
        (
            lambda d: of_kind(d, "NetworkPolicy")["notify-ingress"]["spec"]["ingress"][0][
                "from"
            ].append({"podSelector": {"matchLabels": {"app.kubernetes.io/name": "scoring-api"}}}),
            "notify: reachable from scoring-api",
        ),
        (
            lambda d: of_kind(d, "NetworkPolicy")["plans-api-ingress"]["spec"]["ingress"][0][
                "from"
            ].append({"namespaceSelector": {}}),
            "plans-api: reachable from another namespace",
        ),
        (
            lambda d: d.remove(of_kind(d, "NetworkPolicy")["default-deny-ingress"]),
            "no default deny for the platform's pods",
        ),
    ],
)
def test_each_production_rule_catches_its_breach(
    documents: list[dict[str, Any]], mutate: Any, expected: str
) -> None:
    broken = copy.deepcopy(documents)
    mutate(broken)
    assert expected in production_problems(broken)


def test_the_gateway_believes_x_forwarded_for_only_from_the_ingress(
    documents: list[dict[str, Any]],
) -> None:
    from gateway.settings import Settings

    config = of_kind(documents, "ConfigMap")["chiiki-config"]["data"]
    networks = Settings(trusted_proxies=config["ingress-networks"]).trusted_proxies  # type: ignore[call-arg]
    assert networks
    assert all(network.num_addresses > 1 for network in networks)
    container = of_kind(documents, "Deployment")["gateway"]["spec"]["template"]["spec"][
        "containers"
    ][0]
    variable = next(v for v in container["env"] if v["name"] == "GATEWAY_TRUSTED_PROXIES")
    assert variable["valueFrom"]["configMapKeyRef"] == {
        "name": "chiiki-config",
        "key": "ingress-networks",
    }


@pytest.mark.parametrize("name", list(SERVICES))
def test_every_setting_passed_exists(documents: list[dict[str, Any]], name: str) -> None:
    package, prefix, _port = SERVICES[name]
    fields = set(importlib.import_module(f"{package}.settings").Settings.model_fields)
    container = of_kind(documents, "Deployment")[name]["spec"]["template"]["spec"]["containers"][0]
    passed = {v["name"] for v in container["env"] if v["name"].startswith(prefix)}
    assert sorted(key for key in passed if key.removeprefix(prefix).lower() not in fields) == []


def test_config_map_keys_referenced_exist(documents: list[dict[str, Any]]) -> None:
    data = of_kind(documents, "ConfigMap")["chiiki-config"]["data"]
    for kind in ("Deployment", "Job"):
        for doc in of_kind(documents, kind).values():
            for container in doc["spec"]["template"]["spec"]["containers"]:
                for variable in container.get("env", []):
                    reference = variable.get("valueFrom", {}).get("configMapKeyRef")
                    if reference:
                        assert reference["key"] in data, (doc["metadata"]["name"], variable["name"])


def test_attachments_are_on_a_volume_every_scoring_replica_shares(
    documents: list[dict[str, Any]],
) -> None:
    claim = of_kind(documents, "PersistentVolumeClaim")["scoring-attachments"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    pod = of_kind(documents, "Deployment")["scoring-api"]["spec"]["template"]["spec"]
    folder = next(
        v["value"] for v in pod["containers"][0]["env"] if v["name"] == "SCORING_ATTACHMENT_FOLDER"
    )
    assert any(mount["mountPath"] == folder for mount in pod["containers"][0]["volumeMounts"])
