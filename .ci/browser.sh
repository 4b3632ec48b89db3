#!/usr/bin/env bash
# The browser tests (tests/browser.rs) drive Debian's chromium through chromedriver.
# Installs both with apt when they are missing (~20 s); does nothing when they are there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
