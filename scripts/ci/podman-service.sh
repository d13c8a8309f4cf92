#!/usr/bin/env bash
# podman's Docker-compatible API on a unix socket of our own, for tests of `podman:REF` sources.
# Uses podman's default storage, so `podman load` in a test makes images visible to the service.
#   scripts/ci/podman-service.sh start|stop   (socket: $LAYERSCOPE_PODMAN_SOCKET)
set -euo pipefail

dir=${LAYERSCOPE_PODMAN_DIR:-/tmp/layerscope-podman}
socket=${LAYERSCOPE_PODMAN_SOCKET:-$dir/podman.sock}

start() {
  if [ -f "$dir/service.pid" ] && kill -0 "$(cat "$dir/service.pid")" 2>/dev/null; then
    echo "podman service already running on unix://$socket"; return 0
  fi
  mkdir -p "$dir"
  rm -f "$socket"
  podman system service --time=0 "unix://$socket" >"$dir/service.log" 2>&1 &
  echo $! > "$dir/service.pid"
  for _ in $(seq 1 100); do
    curl -sf --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && { echo "podman service on unix://$socket"; return 0; }
    sleep 0.1
  done
  echo "podman service did not come up:"; tail -5 "$dir/service.log"; return 1
}

stop() {
  if [ -f "$dir/service.pid" ]; then kill "$(cat "$dir/service.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
