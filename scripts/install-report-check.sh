#!/usr/bin/env bash
# Installs what the report.html browser check needs (HtmlReportTest, scripts/report-check/check-report.mjs):
# Debian's chromium (/usr/bin/chromium) and playwright-core (npm ci into scripts/report-check/node_modules).
# Exit 0 when both are in place, 1 with the reason on stderr when they cannot be installed.
#   scripts/install-report-check.sh
#   node scripts/report-check/check-report.mjs reports/NAME/report.html    # then check any report
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-report-check: ${missing[*]} missing, and apt-get cannot install them here (needs root on Debian)" >&2
    exit 1
  fi
  echo "install-report-check: installing ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null; }; then
    echo "install-report-check: apt-get could not install ${missing[*]}" >&2
    exit 1
  fi
  [ -x "$chromium" ] || { echo "install-report-check: chromium installed but $chromium is missing" >&2; exit 1; }
fi

if [ ! -d "$root/scripts/report-check/node_modules/playwright-core" ]; then
  if ! npm ci --prefix "$root/scripts/report-check" --no-audit --no-fund --loglevel=error; then
    echo "install-report-check: npm could not install playwright-core" >&2
    exit 1
  fi
fi
echo "install-report-check: $("$chromium" --version 2>/dev/null | head -1), playwright-core $(node -p "require('$root/scripts/report-check/node_modules/playwright-core/package.json').version")"
