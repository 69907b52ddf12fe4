#!/usr/bin/env bash
# The .deb on a clean Debian 12: a minimal bookworm made by debootstrap, the
# package installed there by apt as the README says (its dependencies and
# recommends from Debian's archive), then used as an administrator would:
# --version, doctor, run, the server with the packaged config answering a
# Judge0 client and /health, and removal keeping the config file.
#
# Usage (root): install-clean.sh BUILD_DIR [MIRROR]
# MIRROR defaults to this machine's first Debian archive. Everything happens in
# a private mount namespace, in a directory removed at the end.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "install-clean: needs root (debootstrap, chroot, mounts)" >&2; exit 77; }
command -v debootstrap >/dev/null || { echo "install-clean: debootstrap is not installed" >&2; exit 77; }
build=$(realpath "$1")
mirror=${2:-}
if [ -z "$mirror" ]; then
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
fi

work=$(mktemp -d /var/tmp/evalx-clean.XXXXXX)
trap 'rm -rf "$work"' EXIT
step() { printf 'install-clean: %s (%ds)\n' "$*" "$SECONDS"; }
fail() { echo "install-clean: FAIL: $*" >&2; exit 1; }

step "cpack"
(cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/deb/evalx_*.deb)

step "debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
cp "$deb" "$work/root/tmp/evalx.deb"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Inside: a mount namespace of its own, so that nothing stays mounted.
export work port
unshare --mount --propagation private bash -euo pipefail -c '
root=$work/root
mount --bind "$root" "$root"          # a mount point: the boxes pivot_root inside it
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
step() { printf "install-clean: %s (%ds)\n" "$*" "$SECONDS"; }
fail() { echo "install-clean: FAIL: $*" >&2; exit 1; }

step "apt install ./evalx.deb"
inside apt-get update -q >/dev/null
inside apt-get install -y -q /tmp/evalx.deb >"$work/apt.log" 2>&1 \
    || { tail -30 "$work/apt.log"; fail "apt install"; }
inside dpkg-query -W -f "\${Status}\n" evalx | grep -q "install ok installed" || fail "evalx is not installed"

step "evalx --version"
inside evalx --version | tee "$work/version.txt" | head -1 | grep -q "^evalx " || fail "evalx --version"
step "evalx doctor --config /etc/evalx/evalx.conf"
inside evalx doctor --config /etc/evalx/evalx.conf >"$work/doctor.txt" 2>&1 || { cat "$work/doctor.txt"; fail "doctor"; }
grep -q "^OK    box:" "$work/doctor.txt" || { cat "$work/doctor.txt"; fail "doctor ran no box"; }

step "evalx run (C, from the recommended gcc)"
printf "#include <stdio.h>\nint main(void) { int a, b; scanf(\"%%d %%d\", &a, &b); printf(\"%%d\\\\n\", a + b); return 0; }\n" \
    >"$root/tmp/sum.c"
echo "2 40" >"$root/tmp/sum.in"
inside evalx run /tmp/sum.c --stdin /tmp/sum.in --json >"$work/run.json" || { cat "$work/run.json"; fail "evalx run"; }
python3 -c "import json, sys; r = json.load(open(sys.argv[1])); assert r[\"status\"] == \"OK\" and r[\"stdout\"] == \"42\\n\", r" \
    "$work/run.json" || fail "evalx run answered $(cat "$work/run.json")"

step "evalx --headless --config /etc/evalx/evalx.conf, as the unit starts it"
# chroot and env exec: $! is the server itself, for the SIGTERM below.
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    evalx --headless --config /etc/evalx/evalx.conf --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/server.log" && break
    kill -0 $server 2>/dev/null || { cat "$work/server.log"; fail "the server exited"; }
    sleep 0.2
done
python3 - "$port" <<PY || { cat "$work/server.log"; kill $server; fail "the server did not answer"; }
import json, sys, urllib.request
base = "http://127.0.0.1:%s" % sys.argv[1]
health = json.load(urllib.request.urlopen(base + "/health"))
assert health["status"] == "ok", health
body = json.dumps({"language_id": 71, "source_code": "print(int(input()) * 2)", "stdin": "21",
                   "expected_output": "42"}).encode()
req = urllib.request.Request(base + "/submissions?wait=true", body, {"Content-Type": "application/json"})
result = json.load(urllib.request.urlopen(req))
assert result["status"]["id"] == 3, result
print("install-clean: /health ok, Judge0 submission Accepted in %s s" % result["time"])
PY
kill -TERM $server
wait $server || fail "the server did not stop cleanly on SIGTERM"

step "apt remove keeps /etc/evalx/evalx.conf; purge removes it"
inside apt-get remove -y -q evalx >>"$work/apt.log" 2>&1 || fail "apt remove"
[ -f "$root/etc/evalx/evalx.conf" ] || fail "remove took the config file"
[ ! -e "$root/usr/bin/evalx" ] || fail "remove left /usr/bin/evalx"
inside apt-get purge -y -q evalx >>"$work/apt.log" 2>&1 || fail "apt purge"
[ ! -e "$root/etc/evalx/evalx.conf" ] || fail "purge left the config file"
'
step "ok: $(basename "$deb") installs, runs and goes on a clean Debian 12"
