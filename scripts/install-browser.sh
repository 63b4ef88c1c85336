#!/usr/bin/env bash
# Installs the headless browser the approval-page test drives: Debian's chromium and
# chromium-driver. Idempotent: does nothing when both are on the PATH.
#
#   scripts/install-browser.sh
#
# Needs root (or passwordless sudo) when the packages are missing.
set -euo pipefail

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "browser: chromium and chromedriver already installed"
  exit 0
fi

SUDO=""
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "install-browser.sh: chromium is missing and installing it needs root" >&2
    exit 1
  fi
fi

echo "browser: apt-get install chromium chromium-driver"
export DEBIAN_FRONTEND=noninteractive
# Another installer may hold the dpkg lock; wait for it rather than fail.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
  chromium chromium-driver

command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
  echo "install-browser.sh: chromium or chromedriver is still not on the PATH" >&2
  exit 1
}
echo "browser: $(chromium --version 2>/dev/null || echo chromium) / $(chromedriver --version)"
