#!/usr/bin/env bash
# The two set-up commands of the README, on Debian 12 (root or sudo):
#   tools/dev.sh run  [ARGS...]  install what is missing, build, start Stills (ARGS go to stills)
#   tools/dev.sh test            install what is missing (with libtorch-dev for stills-infer),
#                                build, run the whole test suite
#                                (CTest starts and stops its own throwaway PostgreSQL)
#   tools/dev.sh build           install what is missing and build
# BUILD_DIR (default: build) and JOBS (default: the number of cores) may be set in the environment.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-run}
[ $# -gt 0 ] && shift

# What building and running need, and what the tests need on top (all Debian 12 packages).
build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql qt6-image-formats-plugins qt6-qpa-plugins
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libexiv2-dev libarchive-dev qt6-translations-l10n
)
test_packages=(
    exiv2 postgresql libimage-exiftool-perl libvips-tools xvfb xauth
    appstream desktop-file-utils dpkg-dev file
    zip unzip python3
    libtorch-dev
)

install_missing() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "dev.sh: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    local dir=${BUILD_DIR:-$root/build}
    # "$@": extra CMake options (the test setup requires stills-infer, the TorchScript worker).
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$dir" --parallel "${JOBS:-$(nproc)}"
}

case "$mode" in
run)
    install_missing "${build_packages[@]}"
    build
    exec "${BUILD_DIR:-$root/build}/app/stills" "$@"
    ;;
test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    build -DSTILLS_INFER=ON
    cd "${BUILD_DIR:-$root/build}"
    export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8
    exec ctest --output-on-failure --timeout 900 -j "${JOBS:-$(nproc)}" "$@"
    ;;
build)
    install_missing "${build_packages[@]}"
    build
    ;;
*)
    echo "usage: tools/dev.sh run|test|build [ARGS...]" >&2
    exit 2
    ;;
esac
