#!/usr/bin/env bash
# CI: the GPU device bundle rehearsed on the CPU. Builds the bundle (scripts/device-bundle.sh) from the
# OpenCL+PTX TornadoVM archive, copies it into an empty folder and runs its run.sh with an empty
# environment (env -i PATH=/usr/bin:/bin: no JAVA_HOME, no SDK, nothing from this checkout):
#   1. --backends opencl-ptx,opencl --steps devices: here libcuda.so.1 is absent, so the OpenCL+PTX
#      runtime must fail its device query and run.sh fall back to OpenCL alone;
#   2. --quick with CI's step sizes, backends chosen by run.sh: every step must pass on PoCL's device,
#      with OpenCL alone chosen.
# Needs PoCL (or another OpenCL ICD), python3 and the Pong ROM (.ci/run installs them).
#
#   scripts/ci-device-rehearsal.sh [SDK_ARCHIVE]     (default ../shared/tornadovm/...-opencl-ptx-linux-amd64.tar.gz)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
archive="${1:-$root/../shared/tornadovm/tornadovm-5.2.0-jdk25-opencl-ptx-linux-amd64.tar.gz}"
archive_sha256=8935603ee71e2ee9ef111f90dfea215ad1ac15e5bd921b948ab4188f7e5c21cd
# CI's step sizes: every step and code path of --quick, little work in each (PoCL on 2 cores is some
# 1000 times slower than a GPU); Pong's warm-up outlasts its run, so Pong acts and evaluates on the
# device without updates (the Nature net's updates run in the equivalence and bench steps).
CI_SIZES=(--equivalence-updates 3 --bench-warmup-s 0 --bench-windows 1 --bench-window-s 0.5
  --breakout-frames 5100 --pong-iterations 1 --pong-train-steps 100 --pong-eval-steps 10 --pong-min-replay 2000)

die() { echo "ci-device-rehearsal: $1" >&2; exit 1; }
if ! compgen -G '/etc/OpenCL/vendors/*.icd' >/dev/null; then
  echo "ci-device-rehearsal: no OpenCL driver: installing PoCL"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pocl-opencl-icd ocl-icd-libopencl1 >/dev/null; } \
    || die "no OpenCL ICD and PoCL could not be installed"
fi
[ -f "$archive" ] || die "no TornadoVM archive at $archive"
echo "$archive_sha256  $archive" | sha256sum -c --quiet - || die "$archive is not the expected archive (sha256)"

work="$(mktemp -d "${TMPDIR:-/tmp}/sparsedrl-rehearsal.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
[ -d "$work/tornadovm-sdk" ] || die "the archive holds no tornadovm-sdk/ folder"
start=$SECONDS
# xz level 2 here: minutes faster on 2 cores, a few MiB larger, so the size limit still holds for the default.
TORNADOVM_HOME="$work/tornadovm-sdk" XZ_OPT=-2 "$root/scripts/device-bundle.sh" "$work/bundle"
echo "ci-device-rehearsal: bundle built in $((SECONDS - start)) s"
mkdir "$work/clean"
cp -r "$work/bundle" "$work/clean/bundle"
rm -rf "$work/tornadovm-sdk"   # nothing of the SDK is left outside the bundle

# Reads RESULT_DIR/device-check.json: status passed and backends $2, or the reason to fail.
expect() {
  [ -f "$1/device-check.json" ] || die "run.sh left no $1/device-check.json"
  python3 - "$1/device-check.json" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
host = report.get("host") or {}
problems = []
if report["status"] != "passed":
    problems.append("status %s: %s" % (report["status"], report.get("error")))
if host.get("backends") != sys.argv[2]:
    problems.append("backends %r, expected %r (attempts: %s)" % (host.get("backends"), sys.argv[2], host.get("backend_attempts")))
for step in report["steps"]:
    print("  %-12s %-8s %s s" % (step["name"], step["status"], step.get("seconds")))
if problems:
    sys.exit("ci-device-rehearsal: " + "; ".join(problems))
PY
}

cd "$work/clean"
start=$SECONDS
env -i PATH=/usr/bin:/bin bash bundle/run.sh "$work/fallback" --backends opencl-ptx,opencl --steps devices || true
expect "$work/fallback" opencl
grep -q '^run.sh: backends: opencl$' "$work/fallback/device-check.log" || die "run.sh did not settle on OpenCL alone"
echo "ci-device-rehearsal: fallback to OpenCL alone in $((SECONDS - start)) s"

start=$SECONDS
env -i PATH=/usr/bin:/bin bash bundle/run.sh "$work/result" --quick --time-limit 1200 "${CI_SIZES[@]}" || true
expect "$work/result" opencl
echo "ci-device-rehearsal: PASSED (quick check on $(grep -m 1 -o 'tornado 0:0 ([^)]*)' "$work/result/device-check.log" || echo '?') in $((SECONDS - start)) s)"
