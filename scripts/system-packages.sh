#!/usr/bin/env bash
# Install the Debian packages the test suite needs, where they are missing:
# PostgreSQL and Redis servers, Chromium for the browser tests, Pango for WeasyPrint,
# poppler-utils to read PDFs back, gettext for the translations, iso-codes to check the French
# names of the reference data against the ISO catalogue (scripts/french_names.py).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v msgfmt >/dev/null || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/iso-codes/json/iso_3166-1.json ] || missing+=(iso-codes)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "Run as root, or install them yourself: apt-get install ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
