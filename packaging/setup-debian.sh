#!/usr/bin/env bash
# Installs every Debian 12 package EvalX needs to build, test and judge.
# Idempotent: when everything is present it only runs dpkg-query and exits.
#
#   packaging/setup-debian.sh            build + run + test dependencies
#   packaging/setup-debian.sh --no-gui   skip Qt Widgets/Charts (headless builds)
set -euo pipefail

gui=1
for arg in "$@"; do
    case "$arg" in
        --no-gui) gui=0 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "setup-debian.sh: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

# Build tools and the libraries the engine links.
packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    libqt6sql6-sqlite qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
    libhiredis-dev libseccomp-dev libyaml-cpp-dev libzip-dev
    redis-server redis-tools
    # The .deb (cpack: dpkg-shlibdeps, file), the validators of its desktop
    # entry and AppStream metainfo, and a clean Debian 12 to install it in
    # (tests labelled packaging).
    dpkg-dev file desktop-file-utils appstream debootstrap
    # PDF reports without a display (Qt's offscreen platform, a font), and the
    # tests reading them back (pdftotext, pdfinfo).
    qt6-qpa-plugins fonts-dejavu-core poppler-utils
)
if [ "$gui" = 1 ]; then
    # libqt6svg6 ships the qsvgicon engine plugin QIcon draws resources/icons/*.svg with.
    packages+=(qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libqt6svg6 libgl-dev xvfb xauth)
fi
# Toolchains of the languages EvalX judges (see resources/languages.json).
packages+=(
    gcc g++ python3 default-jdk-headless nodejs golang-go rustc bash
    ruby php-cli fp-compiler lua5.4 perl
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-debian.sh: all ${#packages[@]} packages present"
    exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup-debian.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-debian.sh: done"
