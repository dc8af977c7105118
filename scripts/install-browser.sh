#!/usr/bin/env bash
# Installs Debian's chromium for the --report browser test when it is missing (CI calls this before the
# tests). The test itself uses playwright-core with this system browser; it never downloads a browser.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: chromium not found and apt-get is not usable here; the browser test will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
command -v chromium
