#!/usr/bin/env bash
# Installs every Debian package that Optimist's build, tests and benchmarks need.
# Skips packages already present, so a second run costs a dpkg query and nothing more.
# Runs non-interactively as root (or through sudo when not root) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git zstd curl
  libleveldb-dev libsecp256k1-dev libssl-dev libboost-program-options-dev
  nlohmann-json3-dev libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev
  libgmp-dev libmimalloc-dev libzstd-dev libbrotli-dev zlib1g-dev libboost-dev libsnappy-dev nodejs
  gnuplot-nox
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# Debian ships npm as its own package; NodeSource's nodejs bundles it and conflicts with it.
# Ask for Debian's npm only when no npm is on the PATH.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
