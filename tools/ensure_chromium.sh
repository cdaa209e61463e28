#!/bin/sh
# Make sure Debian's Chromium is installed for the browser tests. Never downloads a
# browser of its own: it uses the distribution's package.
set -eu
CHROMIUM="${ONESTORY_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "Chromium not found at $CHROMIUM; installing Debian's chromium package."
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Install Debian's chromium package (apt-get install chromium) and run again." >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
echo "Chromium installed: $("$CHROMIUM" --version)"
