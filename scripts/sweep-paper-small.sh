#!/usr/bin/env bash
# The paper's grid on the small games, shrunk to laptop size, then the report.
#   scripts/sweep-paper-small.sh [SCALE] [WORKERS] [SEEDS]     (defaults 0.01, 2, 3)
# Runs `sparsedrl sweep paper-all --games minatar --scale SCALE` into sweeps/paper-small-SCALE and
# `sparsedrl analyze` into reports/paper-small-SCALE. Re-running resumes: finished runs are skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.01}"
workers="${2:-2}"
seeds="${3:-3}"
sweep="$root/sweeps/paper-small-$scale"
report="$root/reports/paper-small-$scale"
status=0
"$root/sparsedrl" sweep paper-all --games minatar --scale "$scale" --seeds "$seeds" \
  --out "$sweep" --workers "$workers" || status=$?
# Analyse even when some runs failed: the report lists them as excluded.
"$root/sparsedrl" analyze "$sweep" --out "$report"
exit "$status"
