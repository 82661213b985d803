#!/usr/bin/env bash
# Learning check (a script, not a unit test: about half an hour for MinAtar, many hours for Pong on a CPU).
#   scripts/learning-check.sh minatar [FRAMES]   dense DQN on minatar:breakout (default 100,000 frames)
#                                                must beat uniform random play clearly:
#                                                final eval return >= 2 x random and >= random + 1
#   scripts/learning-check.sh pong [FRAMES]      dense DQN on atari:pong (default 3,000,000 frames)
#                                                must improve: mean eval return of the last 3 iterations
#                                                > mean of the first 3 + 3 points (needs ROMs)
# Extra arguments after FRAMES go to 'sparsedrl train' (e.g. --backend tornado --device 0:0).
# Environment: SEED (default 1), CHECK_DIR (default runs/learning-check). Exit 0 = pass, 1 = fail.
# Rerunning the same check (same game, seed, frames and flags) continues an interrupted DQN run from
# its last checkpoint ('sparsedrl resume'), or only reports when it already finished; any other
# command line starts it afresh.
# Measured (2-core machine shared with other jobs, --threads 1): minatar 100k frames, seed 1: DQN 4.81
# vs random 0.53, 1,777 s. pong 3M frames, seed 1 (2-core AVX-512 machine): first 3 iterations -21.00,
# last 3 -15.39, random play -20.27, 3,161,952 frames, 12,440 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which_check="${1:-minatar}"
shift || true
case "$which_check" in
  minatar) env=minatar:breakout; frames="${1:-100000}" ;;
  pong) env=atari:pong; frames="${1:-3000000}" ;;
  *) echo "usage: $0 minatar|pong [FRAMES] [train flags...]" >&2; exit 2 ;;
esac
shift || true
seed="${SEED:-1}"
dir="${CHECK_DIR:-$root/runs/learning-check}/${env/:/-}-s$seed"

# Prints a number field of a JSON file written by sparsedrl (one key per line).
json_number() {
  sed -n "s/^ *\"$2\" *: *\([-0-9.eE]*\).*/\1/p" "$1" | head -n 1
}

# The Pong check takes hours of CPU: a rerun with the same command line picks up where it stopped
# and keeps the random-play figure it measured before.
command_line="train --env $env --seed $seed --frames $frames $*"
command_file="$dir/dqn-command.txt"
same_command=false
if [ -f "$command_file" ] && [ "$(cat "$command_file")" = "$command_line" ]; then
  same_command=true
fi

if $same_command && [ -f "$dir/random/result.json" ]; then
  echo "== random play: measured before, in $dir/random"
else
  echo "== random play: eval at epsilon 1.0, no training"
  "$root/sparsedrl" train --env "$env" --seed "$seed" --out "$dir/random" --force \
    --iterations 1 --train-steps 1 --eval-steps 20000 --epsilon-eval 1.0 \
    --replay-capacity 1000 --min-replay 32 "$@" >/dev/null
fi
random=$(json_number "$dir/random/result.json" finalEvalReturn)

start=$(date +%s)
if $same_command && [ -d "$dir/dqn" ]; then
  if [ -f "$dir/dqn/result.json" ]; then
    echo "== dense DQN, $frames frames: already finished in $dir/dqn"
  else
    echo "== dense DQN, $frames frames: resuming $dir/dqn"
    # ROMs come from $SPARSEDRL_ROMS (env.sh), as for the first start without --rom-dir.
    "$root/sparsedrl" resume "$dir/dqn"
  fi
else
  echo "== dense DQN, $frames frames"
  mkdir -p "$dir"
  printf '%s' "$command_line" > "$command_file"
  "$root/sparsedrl" train --env "$env" --seed "$seed" --frames "$frames" --out "$dir/dqn" --force "$@"
fi
wall=$(( $(date +%s) - start ))
final=$(json_number "$dir/dqn/result.json" finalEvalReturn)

echo "== $env, seed $seed: DQN final eval return $final (mean of the last 10% of iterations)," \
  "random play $random, $frames frames, ${wall}s wall in this invocation"
if [ "$which_check" = minatar ]; then
  verdict=$(awk -v d="$final" -v r="$random" 'BEGIN { print (d >= 2 * r && d >= r + 1) ? "PASS" : "FAIL" }')
else
  # first and last three iterations' eval returns from metrics.csv (column 4)
  verdict=$(awk -F, 'NR > 1 { v[NR - 1] = $4; n = NR - 1 }
    END { if (n < 6) { print "FAIL"; exit }
          f = (v[1] + v[2] + v[3]) / 3; l = (v[n] + v[n - 1] + v[n - 2]) / 3;
          printf "%s (first 3 iterations %.2f, last 3 %.2f)\n", (l > f + 3) ? "PASS" : "FAIL", f, l }' \
    "$dir/dqn/metrics.csv")
fi
echo "== learning check: $verdict"
case "$verdict" in PASS*) exit 0 ;; *) exit 1 ;; esac
