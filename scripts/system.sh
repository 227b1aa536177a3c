#!/usr/bin/env bash
# The system packages the tests need, installed when missing (Debian/Ubuntu): Chromium for the
# browser tests, npm to install axe-core (the accessibility checks injected into the browser
# tests), PostgreSQL's binaries for the store tests, nginx for the multi-server test (the
# tests start their own throwaway PostgreSQL cluster and nginx, so the packages' install scripts
# are not allowed to start any service).
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ -d /usr/lib/postgresql ] || packages+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "Error: the tests need these Debian packages: ${packages[*]}." >&2
  echo "Install them as root: apt-get install -y ${packages[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Error: the tests need ${packages[*]} and this machine has no apt-get: install them" \
    "with its package manager (chromium and npm on the PATH, PostgreSQL in /usr/lib/postgresql," \
    "nginx on the PATH or in /usr/sbin)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null  # 101: forbidden
  "${as_root[@]}" chmod +x "$policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi
echo "Installing ${packages[*]} (apt-get)..." >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
