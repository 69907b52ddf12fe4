#!/usr/bin/env bash
# The .deb as cpack makes it from this build: what it holds and what it needs.
# Does not install it. Usage: check-deb.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack failed"; }
debs=("$out"/evalx_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no evalx_*.deb: $(ls "$out")"
deb=${debs[0]}
echo "check-deb: $(basename "$deb"), $(du -h "$deb" | cut -f1)"

contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/evalx ./usr/libexec/evalx/evalx-box ./lib/systemd/system/evalx.service \
            ./etc/evalx/evalx.conf ./usr/share/applications/evalx.desktop \
            ./usr/share/metainfo/io.evalx.EvalX.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/evalx.svg ./usr/share/doc/evalx/copyright \
            ./usr/share/doc/evalx/examples/grafana-dashboard.json; do
    grep -q " $path\$" <<<"$contents" || fail "$path is not in the package:"$'\n'"$contents"
done
# Both programs executable, the box helper where BoxPool::findHelper looks (../libexec/evalx).
grep -E '^-rwxr-xr-x .* \./usr/bin/evalx$' <<<"$contents" >/dev/null || fail "evalx is not executable"
grep -E '^-rwxr-xr-x .* \./usr/libexec/evalx/evalx-box$' <<<"$contents" >/dev/null || fail "evalx-box is not executable"

[ "$(dpkg-deb --field "$deb" Package)" = evalx ] || fail "the package is not called evalx"
depends=$(dpkg-deb --field "$deb" Depends)
echo "check-deb: Depends: $depends"
for lib in libqt6core6 libqt6network6 libhiredis libseccomp2 libc6 libqt6sql6-sqlite; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (dpkg-shlibdeps did not run?)"
done
[ -n "$(dpkg-deb --field "$deb" Maintainer)" ] || fail "no Maintainer"
[ -n "$(dpkg-deb --field "$deb" Description)" ] || fail "no Description"

# The config file is a conffile: an upgrade keeps the administrator's changes.
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/evalx/evalx.conf \
    || fail "/etc/evalx/evalx.conf is not a conffile"
# The unit starts what the package installs, with the installed config.
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/evalx.service \
    | grep -qx 'ExecStart=/usr/bin/evalx --headless --config /etc/evalx/evalx.conf' \
    || fail "the unit's ExecStart is not /usr/bin/evalx --headless --config /etc/evalx/evalx.conf"
echo "check-deb: ok"
