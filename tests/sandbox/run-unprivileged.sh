#!/bin/sh
# Runs a sandbox test as an unprivileged user (nobody), so that rootless boxes
# (user namespaces, no cgroup) are exercised too. Exit 77 = skipped.
#   run-unprivileged.sh TEST_BINARY BOX_HELPER [test args]
set -u
test_binary=$1
helper=$2
shift 2
if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: needs root to drop to an unprivileged user"
    exit 77
fi
if ! command -v setpriv >/dev/null 2>&1; then
    echo "skipped: setpriv (util-linux) is not installed"
    exit 77
fi
as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$@"
}
if ! as_nobody test -x "$test_binary" || ! as_nobody test -x "$helper"; then
    echo "skipped: the build directory is not reachable by an unprivileged user"
    exit 77
fi
cd /tmp || exit 1
exec env HOME=/tmp EVALX_BOX_HELPER="$helper" setpriv --reuid=65534 --regid=65534 --clear-groups \
    --inh-caps=-all --bounding-set=-all "$test_binary" "$@"
