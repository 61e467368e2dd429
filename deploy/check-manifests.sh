#!/usr/bin/env bash
# Validates deploy/compose/compose.yaml and deploy/kubernetes/activecampaign-destination.yaml offline (CI runs it after
# deploy/image/build.sh, whose image both name):
#  - both parse, and say what the service needs: a Deployment whose selector matches its pods, probes on a port the
#    container names, every key the service reads from the Secret present in it, the image that build.sh makes;
#    a compose service with DATABASE_URL pointing at the compose PostgreSQL, which it waits for;
#  - podman-compose plans the compose pair (--dry-run: the two `podman run` it would start);
#  - podman creates the Kubernetes pod from the Deployment (`podman kube play --start=false`), the Secret's keys given
#    as plain variables: podman 4.3 (Debian 12) stores a Secret of the same file in a form its own envFrom then
#    cannot read, a known fault of that version, not of the manifest.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE=deploy/compose/compose.yaml
KUBE=deploy/kubernetes/activecampaign-destination.yaml
IMAGE=activecampaign-destination:dev
work=$(mktemp -d)
remove_pods() {
  local pods
  pods=$(podman pod ls --format '{{.Name}}' | grep '^activecampaign-destination-pod' || true)
  [ -z "$pods" ] || echo "$pods" | xargs podman pod rm -f > /dev/null 2>&1 || true
}
trap 'remove_pods || true; rm -rf "$work"' EXIT
remove_pods

python3 - "$COMPOSE" "$KUBE" "$IMAGE" "$work/kube-plain.yaml" <<'PY'
import sys, yaml
compose_file, kube_file, image, plain_out = sys.argv[1:]

def need(ok, what):
    if not ok:
        sys.exit(f"manifest check failed: {what}")

compose = yaml.safe_load(open(compose_file))
services = compose.get("services", {})
need({"postgres", "service"} <= services.keys(), f"{compose_file}: services postgres and service")
service = services["service"]
env = service.get("environment", {})
need(env.get("DATABASE_URL", "").startswith("jdbc:postgresql://postgres:"), f"{compose_file}: DATABASE_URL on postgres")
need({"WRITE_KEYS", "ADMIN_TOKEN", "DATABASE_USER", "DATABASE_PASSWORD"} <= env.keys(), f"{compose_file}: keys")
need(service.get("depends_on", {}).get("postgres", {}).get("condition") == "service_healthy",
     f"{compose_file}: the service waits for a healthy PostgreSQL")
need(service.get("image") == image, f"{compose_file}: image {image}")
need("healthcheck" in services["postgres"], f"{compose_file}: PostgreSQL health check")

docs = [d for d in yaml.safe_load_all(open(kube_file)) if d]
kinds = {d["kind"]: d for d in docs}
need({"Secret", "Deployment", "Service"} <= kinds.keys(), f"{kube_file}: a Secret, a Deployment and a Service")
secret, deployment, svc = kinds["Secret"], kinds["Deployment"], kinds["Service"]
keys = secret.get("stringData", {})
need({"DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "WRITE_KEYS", "ADMIN_TOKEN"} <= keys.keys(),
     f"{kube_file}: the Secret holds the database and the keys")
spec = deployment["spec"]
labels = spec["template"]["metadata"]["labels"]
need(all(labels.get(k) == v for k, v in spec["selector"]["matchLabels"].items()), "Deployment selector matches its pods")
need(all(labels.get(k) == v for k, v in svc["spec"]["selector"].items()), "Service selector matches the pods")
pod = spec["template"]["spec"]
container = pod["containers"][0]
need(container["image"] == image, f"{kube_file}: image {image}")
ports = {p["name"] for p in container["ports"]}
for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
    need(probe in container, f"{kube_file}: {probe}")
    need(container[probe]["httpGet"]["port"] in ports, f"{kube_file}: {probe} on a named port")
need(container["readinessProbe"]["httpGet"]["path"] == "/health/ready", "readiness on /health/ready")
need(container["livenessProbe"]["httpGet"]["path"] == "/health/live", "liveness on /health/live")
need(any(e.get("secretRef", {}).get("name") == secret["metadata"]["name"] for e in container.get("envFrom", [])),
     "the container takes its variables from the Secret")
need(pod["securityContext"].get("runAsNonRoot") is True, "runs as non-root")
for p in svc["spec"]["ports"]:
    need(p["targetPort"] in ports, "Service targets a named container port")

# for podman: the Secret's keys as plain variables
container.pop("envFrom")
container["env"] = [{"name": k, "value": str(v)} for k, v in keys.items()]
yaml.safe_dump_all([deployment, svc], open(plain_out, "w"))
print(f"{compose_file} and {kube_file}: structure checked")
PY

WRITE_KEYS=check ADMIN_TOKEN=check POSTGRES_PASSWORD=check \
  podman-compose --dry-run -f "$COMPOSE" up -d > "$work/compose-plan.txt" 2>&1
podman volume rm compose_postgres-data > /dev/null 2>&1 || true
podman network rm compose_default > /dev/null 2>&1 || true
runs=$(grep -c '^podman run ' "$work/compose-plan.txt" || true)
if [ "$runs" -ne 2 ] || ! grep -q 'DATABASE_URL=jdbc:postgresql://postgres:5432/acdest' "$work/compose-plan.txt"; then
  cat "$work/compose-plan.txt"; echo "podman-compose did not plan the service and its PostgreSQL"; exit 1
fi
echo "$COMPOSE: podman-compose plans $runs containers (the service and its PostgreSQL)"

podman kube play --start=false "$work/kube-plain.yaml" > /dev/null
service=$(podman ps -a --format '{{.Names}}' | grep '^activecampaign-destination-pod.*-service$' | head -n 1)
user=$(podman inspect --format '{{.Config.User}}' "$service")
echo "$KUBE: podman created the pod from the Deployment (container user $user, not started)"
