# Source this from .ci/run:  source scripts/ci/services.sh start   …tests…   source scripts/ci/services.sh stop
# Starts the services the daemon integration tests talk to and exports where they are:
#   LAYERSCOPE_SSH_PORT       sshd on 127.0.0.1 (root, key in ~/.ssh) → DOCKER_HOST=ssh://root@127.0.0.1:PORT
#   LAYERSCOPE_PODMAN_SOCKET  podman API service (default storage)     → CONTAINER_HOST=unix://SOCKET
# The TLS dockerd and the dockerd that a test kills mid-export are started by the tests themselves.
# Sourced, so no `set -e` here: a failure is reported and returned, never exits the caller.
layerscope_services_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export LAYERSCOPE_SSH_PORT=${LAYERSCOPE_SSH_PORT:-2222}
export LAYERSCOPE_PODMAN_SOCKET=${LAYERSCOPE_PODMAN_SOCKET:-/tmp/layerscope-podman/podman.sock}
case "${1:-}" in
  start)
    bash "$layerscope_services_dir/sshd.sh" start && bash "$layerscope_services_dir/podman-service.sh" start ;;
  stop)
    bash "$layerscope_services_dir/podman-service.sh" stop; bash "$layerscope_services_dir/sshd.sh" stop ;;
  *) echo "usage: source scripts/ci/services.sh start|stop" >&2; false ;;
esac
