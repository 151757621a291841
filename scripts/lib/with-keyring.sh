#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service,
# the real OS keyring of a Linux desktop, on a headless machine.
set -euo pipefail

workdir="$(mktemp -d)"
mkdir -p "$workdir/data" "$workdir/runtime"
chmod 700 "$workdir/runtime"
export XDG_DATA_HOME="$workdir/data" XDG_RUNTIME_DIR="$workdir/runtime"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY

inner='
set -e
printf "kabinet-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
for _ in $(seq 1 100); do
  if dbus-send --session --dest=org.freedesktop.DBus --print-reply /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
keyring_pid=$(dbus-send --session --dest=org.freedesktop.DBus --print-reply /org/freedesktop/DBus \
  org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null \
  | awk "/uint32/ {print \$2}")
set +e
"$@"
status=$?
[ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null
exit $status
'
status=0
dbus-run-session -- bash -c "$inner" _ "$@" || status=$?
rm -rf "$workdir" 2>/dev/null || true
exit $status
