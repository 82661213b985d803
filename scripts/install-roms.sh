#!/usr/bin/env bash
# Installs the Atari ROMs: a thin wrapper over `sparsedrl roms install` (one implementation, in Java).
# It runs `pip download --no-deps ale-py==0.12.1`, verifies every ROM of the wheel against the
# wheel's md5.json and writes them atomically to $SPARSEDRL_ROMS (env.sh: <repo>/roms) or --dir.
# Idempotent. Options: --dir DIR, --pip CMD (default "python3 -m pip"), --wheel FILE (no pip).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/sparsedrl" roms install "$@"
