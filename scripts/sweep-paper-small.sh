#!/usr/bin/env bash
# The paper's grid on the small games, shrunk to laptop size, then the report.
#   scripts/sweep-paper-small.sh [SCALE] [WORKERS] [SEEDS]     (defaults 0.002, 2, 3)
# Runs `sparsedrl sweep paper-all --games minatar --scale SCALE` (Figures 1 and 3 in one grid, so the
# Figure 3 runs reuse Figure 1's prune and RigL@20% runs) into sweeps/paper-small-SCALE and
# `sparsedrl analyze` into reports/paper-small-SCALE. Re-running resumes: finished runs are skipped.
# Defaults: 390 runs of 10 iterations (10k frames each at scale 0.002), one network thread per run
# (the workers fill the cores), 1,000 evaluation steps per iteration: about 85 minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.002}"
workers="${2:-2}"
seeds="${3:-3}"
sweep="$root/sweeps/paper-small-$scale"
report="$root/reports/paper-small-$scale"
status=0
"$root/sparsedrl" sweep paper-all --games minatar --scale "$scale" --seeds "$seeds" \
  --flag threads=1 --flag iterations=10 --flag eval-steps=1000 \
  --out "$sweep" --workers "$workers" || status=$?
# Analyse even when some runs failed: the report lists them as excluded.
"$root/sparsedrl" analyze "$sweep" --out "$report"
exit "$status"
