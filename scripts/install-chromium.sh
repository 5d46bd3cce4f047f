#!/usr/bin/env bash
# Installs Debian's Chromium (and the fonts the reports use) when it is missing: the browser tests and the PDF report
# drive /usr/bin/chromium through Playwright (no browser download). Prints nothing when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "Chromium is missing: install Debian's package 'chromium' (apt-get install chromium)" >&2
  exit 1
fi
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core fonts-liberation2 poppler-utils >&2
