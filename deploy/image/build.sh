#!/usr/bin/env bash
# Builds the container image activecampaign-destination:dev from deploy/image/Containerfile, then tests it for real:
# starts it, waits for /health/ready, sends the destination documentation's identify to the built-in sandbox inside
# it, checks that the sandbox received the contact, and stops it (docs/operations.md, "Container image").
#
# Works without a registry: when the base images are not there and cannot be pulled, it makes them locally:
# debian:bookworm-slim from Debian's packages (mmdebstrap --variant=minbase), and the JDK stage's image from this
# machine's JDK (JAVA_HOME, 21 or newer) on that base. Needs podman (and mmdebstrap when offline).
#
#   bash deploy/image/build.sh            build and test
#   bash deploy/image/build.sh --no-test  build only
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE=activecampaign-destination:dev
BASE=docker.io/library/debian:bookworm-slim
JDK_IMAGE=docker.io/library/eclipse-temurin:21-jdk
JAR=bootstrap/target/activecampaign-destination.jar
PORT=${IMAGE_TEST_PORT:-18095}

log() { echo "[image] $*"; }

if [ ! -f "$JAR" ]; then
  log "building $JAR"
  mvn -q -B -DskipTests package
fi

have() { podman image exists "$1"; }
pull() { timeout 60 podman pull -q "$1" > /dev/null 2>&1; }

if ! have "$BASE" && ! pull "$BASE"; then
  log "no registry: making $BASE from Debian's packages (mmdebstrap --variant=minbase bookworm)"
  rootfs=$(mktemp -d)
  # as Debian's slim image: no manuals, translations or documentation but the licences; and no perl, which the
  # merged-/usr helper pulls in while the file system is being set up
  mmdebstrap --quiet --variant=minbase --include=usr-is-merged \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook='chroot "$1" dpkg --purge usrmerge libfile-find-rule-perl libnumber-compare-perl libtext-glob-perl perl perl-modules-5.36 libperl5.36 > /dev/null' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "$rootfs/rootfs.tar"
  podman import -q --change 'CMD ["bash"]' "$rootfs/rootfs.tar" "$BASE" > /dev/null
  rm -rf "$rootfs"
fi

if ! have "$JDK_IMAGE" && ! pull "$JDK_IMAGE"; then
  jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  log "no registry: making the JDK stage's image from $jdk on $BASE"
  context=$(mktemp -d)
  cp -rL "$jdk" "$context/jdk"  # a JDK from a package links some files (cacerts) outside itself
  printf 'FROM %s\nCOPY jdk /opt/java/openjdk\nENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH\n' \
    "$BASE" > "$context/Containerfile"
  podman build -q --pull=never -t "$JDK_IMAGE" "$context" > /dev/null
  rm -rf "$context"
fi

# Some machines (this project's CI among them) give root no CAP_SYS_RESOURCE and mix cgroups v1 and v2: podman's
# default runtime then cannot start a container at all. runc with limits no higher than the machine's own can.
RUN_OPTS=()
if ! podman run --rm --pull=never --network none "$BASE" true > /dev/null 2>&1; then
  RUN_OPTS=(--runtime runc --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
  log "the default container runtime cannot start containers here: using ${RUN_OPTS[*]}"
  podman run --rm --pull=never --network none "${RUN_OPTS[@]}" "$BASE" true
fi

log "building $IMAGE"
podman build -q --pull=never --format docker "${RUN_OPTS[@]}" -f deploy/image/Containerfile \
  --build-arg JDK_IMAGE="$JDK_IMAGE" --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . > /dev/null
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
log "$IMAGE: $size bytes ($((size / 1024 / 1024)) MiB)"

[ "${1:-}" = "--no-test" ] && exit 0

name=acdest-image-test-$$
key=image-test-write-key
cleanup() { podman rm -f "$name" > /dev/null 2>&1 || true; }
trap cleanup EXIT
log "starting it ($name, port $PORT)"
# (podman schedules HEALTHCHECK with systemd timers; without systemd it says so, and `podman healthcheck run` below
# runs the check itself)
podman run -d --name "$name" --network host "${RUN_OPTS[@]}" -e HTTP_PORT="$PORT" -e WRITE_KEYS="$key" "$IMAGE" \
  > /dev/null 2> >(grep -v 'systemd' >&2)

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null; then break; fi
  if [ "$(podman inspect --format '{{.State.Running}}' "$name")" != "true" ]; then
    podman logs "$name"; log "the container stopped before it was ready"; exit 1
  fi
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null || { podman logs "$name"; log "not ready after 120 s"; exit 1; }
log "ready; user $(podman exec "$name" id -un), data in $(podman exec "$name" sh -c 'echo $DATA_DIR')"

# The destination documentation's identify: analytics.identify('ze8rt1u89', {firstName: 'Jane', lastName: 'Kim',
# email: 'jane.kim@example.com'})
answer=$(curl -sf -u "$key:" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/v1/identify" -d '{
  "userId": "ze8rt1u89", "messageId": "image-test-1",
  "traits": {"firstName": "Jane", "lastName": "Kim", "email": "jane.kim@example.com"}}')
log "identify answered: $answer"
echo "$answer" | grep -q '"success":true'

for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$PORT/sandbox/state" | grep -q 'jane.kim@example.com'; then
    log "the sandbox inside the image has the contact jane.kim@example.com"
    health=$(podman healthcheck run "$name" > /dev/null 2>&1 && echo healthy || echo unhealthy)
    log "HEALTHCHECK: $health"
    [ "$health" = healthy ]
    podman stop -t 30 "$name" > /dev/null 2> >(grep -v 'systemd' >&2)
    podman logs "$name" 2>&1 | grep -q 'ActiveCampaign Destination stopped' \
      || { podman logs "$name" | tail -20; log "it did not stop gracefully"; exit 1; }
    log "stopped gracefully on SIGTERM (exit code $(podman inspect --format '{{.State.ExitCode}}' "$name"))"
    exit 0
  fi
  sleep 1
done
podman logs "$name" | tail -40
log "the contact did not reach the sandbox within 60 s"
exit 1
