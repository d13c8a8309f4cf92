#!/usr/bin/env bash
# A throwaway sshd on a loopback port, so tests can read images over DOCKER_HOST=ssh://root@127.0.0.1:PORT
# exactly as a user with a remote daemon would. Everything it creates lives in $LAYERSCOPE_SSHD_DIR,
# except a client key in ~/.ssh (ssh, like docker's ssh helper, looks for keys there) and a marked
# block in ~/.ssh/config; `stop` removes all three.
#   scripts/ci/sshd.sh start|stop      (port: $LAYERSCOPE_SSH_PORT, default 2222)
set -euo pipefail

port=${LAYERSCOPE_SSH_PORT:-2222}
dir=${LAYERSCOPE_SSHD_DIR:-/tmp/layerscope-sshd}
ssh_home=$(getent passwd "$(id -un)" | cut -d: -f6)/.ssh   # ssh ignores $HOME; use the passwd entry like it does
client_key=$ssh_home/layerscope_ci_ed25519
begin='# >>> layerscope-ci sshd >>>'
end='# <<< layerscope-ci sshd <<<'

remove_config_block() {
  [ -f "$ssh_home/config" ] || return 0
  sed -i "\|^$begin\$|,\|^$end\$|d" "$ssh_home/config"
  [ -s "$ssh_home/config" ] || rm -f "$ssh_home/config"
}

start() {
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null; then
    echo "sshd already running on 127.0.0.1:$port"; return 0
  fi
  mkdir -p "$dir" /run/sshd "$ssh_home"
  chmod 700 "$ssh_home"
  [ -f "$dir/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C layerscope-ci-host -f "$dir/host_ed25519_key"
  [ -f "$client_key" ] || ssh-keygen -q -t ed25519 -N '' -C layerscope-ci-client -f "$client_key"
  cp "$client_key.pub" "$dir/authorized_keys"
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519_key.pub")" > "$dir/known_hosts"
  cat > "$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowUsers root
EOF
  remove_config_block
  cat >> "$ssh_home/config" <<EOF
$begin
Host 127.0.0.1
  IdentityFile $client_key
  UserKnownHostsFile ~/.ssh/known_hosts $dir/known_hosts
$end
EOF
  chmod 600 "$ssh_home/config"
  "$(command -v sshd || echo /usr/sbin/sshd)" -f "$dir/sshd_config" -E "$dir/sshd.log"
  for _ in $(seq 1 50); do
    ssh -o BatchMode=yes -p "$port" root@127.0.0.1 true 2>/dev/null && { echo "sshd on 127.0.0.1:$port"; return 0; }
    sleep 0.1
  done
  echo "sshd did not come up on 127.0.0.1:$port:"; tail -5 "$dir/sshd.log"; return 1
}

stop() {
  if [ -f "$dir/sshd.pid" ]; then kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true; fi
  remove_config_block
  rm -f "$client_key" "$client_key.pub"
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
