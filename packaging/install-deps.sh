#!/bin/sh
# Installs every Debian package ptscope needs to build, run and test.
# Idempotent and non-interactive; run as root (or through sudo).
set -eu

PACKAGES="
build-essential cmake ninja-build ccache pkg-config git clang
libtorch-dev python3-torch python3-torchvision python3-torchaudio python3-numpy
qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
libgraphviz-dev graphviz
nlohmann-json3-dev libcli11-dev libfmt-dev zlib1g-dev
libgtest-dev libgmock-dev
libopenblas0-pthread
xvfb xauth
dpkg-dev file lintian desktop-file-utils appstream shared-mime-info man-db
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
