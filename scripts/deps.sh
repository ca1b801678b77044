#!/usr/bin/env bash
# deps.sh: install the Debian packages actcheck needs.
#   scripts/deps.sh          install what is missing (as root), else print the command
#   scripts/deps.sh --check  exit 1 if something is missing, install nothing
set -u
pkgs=(make gcc libmpfr-dev libgmp-dev libcmocka-dev libjansson-dev gnuplot-nox
      gcc-aarch64-linux-gnu qemu-user libsleef-dev libdnnl-dev
      libxnnpack-dev libpthreadpool-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "${1:-}" = "--check" ] && { echo "missing packages: ${missing[*]}" >&2; exit 1; }
if [ "$(id -u)" -ne 0 ]; then
  echo "actcheck needs: ${missing[*]}" >&2
  echo "run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
  { apt-get update -q >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}"; }
