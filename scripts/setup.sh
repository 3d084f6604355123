#!/usr/bin/env bash
# Installs the Debian 12 packages minsheng needs (skipped when they are all there already).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libsodium-dev libpq-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  wrk curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
