#!/usr/bin/env bash
# The paper's Figure 1 and Figure 3 grids on the small games, shrunk to laptop size, each with its report.
#   scripts/sweep-paper-small.sh [SCALE] [WORKERS] [SEEDS]     (defaults 0.0012, 2, 3)
#   ENVS=minatar:breakout,minatar:freeway scripts/sweep-paper-small.sh   (choose the games)
# Runs `sparsedrl sweep paper-fig1` and then `paper-fig3` with `--games minatar --scale SCALE` into
# sweeps/paper-small-fig1-SCALE and sweeps/paper-small-fig3-SCALE, and `sparsedrl analyze` on each into
# reports/. Re-running resumes: finished runs are skipped.
#
# Defaults: 10 iterations of 600 frames per run (6k frames at scale 0.0012), one network thread per
# run (the workers fill the cores), 1,000 evaluation steps per iteration, and four games: Freeway (the
# paper's Pong) is left out by default. Its iterations each finish a whole 2,500-step episode, so a
# run costs 2.5x the others, and at 6k-10k frames it scores 0 in every configuration.
# Figure 1 is 216 runs and Figure 3 156; each takes about an hour on 2 cores with 2 workers (measured
# figures in the issue notes of #7).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.0012}"
workers="${2:-2}"
seeds="${3:-3}"
envs="${ENVS:-minatar:breakout,minatar:spaceinvaders,minatar:seaquest,minatar:asterix}"
status=0
for figure in fig1 fig3; do
  sweep="$root/sweeps/paper-small-$figure-$scale"
  report="$root/reports/paper-small-$figure-$scale"
  start=$SECONDS
  "$root/sparsedrl" sweep "paper-$figure" --games minatar --envs "$envs" --scale "$scale" --seeds "$seeds" \
    --flag threads=1 --flag iterations=10 --flag eval-steps=1000 \
    --out "$sweep" --workers "$workers" || status=$?
  echo "sweep-paper-small: paper-$figure took $(( SECONDS - start )) s" >&2
  # Analyse even when some runs failed: the report lists them as excluded.
  "$root/sparsedrl" analyze "$sweep" --out "$report" || status=$?
done
exit "$status"
