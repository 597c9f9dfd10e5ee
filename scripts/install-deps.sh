#!/usr/bin/env bash
# Installs the Debian 12 packages eqroi needs to build and test. Skips apt when all are there.
set -euo pipefail
packages=(
  g++ make cmake pkg-config ccache clang
  libboost-dev libboost-filesystem-dev libtomlplusplus-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev libeigen3-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
