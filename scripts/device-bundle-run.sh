#!/usr/bin/env bash
# run.sh of a device bundle (scripts/device-bundle.sh): the device check on a bare Linux x86-64 machine.
#
#   bash run.sh RESULT_DIR [--quick] [--backends auto|SET,...] [--time-limit S] [--keep-tmp]
#               [any 'sparsedrl device-check' option: --keep-going, --steps devices,..., --devices D:I,...,
#                the step sizes: --breakout-frames N, --pong-train-steps N, --bench-window-s S, ...]
#
# Needs only bash, coreutils, tar and xz (or python3 for xz): the Java runtime, TornadoVM and the
# application travel in payload.tar.xz. It unpacks that into a new folder under /tmp (removed at the
# end unless --keep-tmp), finds which TornadoVM backends can load here (PTX: libcuda.so.1 of a driver
# >= 580; OpenCL: libOpenCL.so.1 and an ICD, e.g. NVIDIA's libnvidia-opencl.so.1), starts TornadoVM's
# device query with each set of them in turn until one lists devices (a backend whose library cannot
# load would stop the whole runtime), then runs 'sparsedrl device-check' in TornadoVM's JVM: devices,
# equivalence with the JVM backend, bench update, a short training run; each step timed, stopping at
# the first failure. It writes RESULT_DIR/device-check.json (every figure, the device, driver and
# versions, each step's status and seconds) and RESULT_DIR/device-check.log (this output).
# --time-limit (default 560 s, 300 with --quick) stops the check; the report then names the step it
# was in. --backends gives the sets of backends to try instead, in order (each opencl, ptx or
# opencl-ptx). Exit 0 when every step passed, 1 otherwise, 2 on bad usage.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  ""|-*) usage >&2; exit 2 ;;
esac
result="$1"
shift
quick=false
backends=auto
time_limit=""
keep_tmp=false
check_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; check_args+=("$1") ;;
    --backends) backends="${2:-}"; shift ;;
    --time-limit) time_limit="${2:-}"; shift ;;
    --keep-tmp) keep_tmp=true ;;
    *) check_args+=("$1") ;;
  esac
  shift
done
[[ "$backends" =~ ^(auto|(opencl|ptx|opencl-ptx)(,(opencl|ptx|opencl-ptx))*)$ ]] \
  || { echo "run.sh: --backends must be auto or a list of opencl, ptx, opencl-ptx; got '$backends'" >&2; exit 2; }
[ -n "$time_limit" ] || time_limit=$($quick && echo 300 || echo 560)
[[ "$time_limit" =~ ^[0-9]+$ ]] && [ "$time_limit" -ge 30 ] \
  || { echo "run.sh: --time-limit must be a whole number of seconds >= 30, got '$time_limit'" >&2; exit 2; }
mkdir -p "$result" || exit 2
result="$(cd "$result" && pwd)"
for f in device-check.json device-check.log; do
  if [ -e "$result/$f" ]; then
    echo "run.sh: $result/$f exists; a check never replaces an earlier one: choose a new RESULT_DIR" >&2
    exit 2
  fi
done

t_start=$(date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'; }
say() { echo "run.sh: $*"; }

# Writes a minimal report when the check itself cannot start (no Java yet to write it).
bare_report() {
  local msg="${1//\\/\\\\}"
  msg="${msg//\"/\\\"}"
  printf '{\n  "check" : "sparsedrl device-check",\n  "status" : "failed",\n  "error" : "setup: %s",\n  "steps" : [ ]\n}\n' \
    "$msg" > "$result/device-check.json"
}

main() {
  say "device check from $here, results in $result ($( $quick && echo quick || echo full ), time limit ${time_limit} s)"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/sparsedrl-device.XXXXXX")" || { bare_report "cannot create a folder under /tmp"; return 1; }
  $keep_tmp && say "keeping $tmp" || trap 'rm -rf "$tmp"' EXIT

  # --- unpack ---
  local t0; t0=$(date +%s.%N)
  if ! (cd "$here" && sha256sum -c --quiet payload.sha256); then
    bare_report "payload.tar.xz does not match payload.sha256 (incomplete copy?)"
    return 1
  fi
  if command -v xz >/dev/null; then
    xz -dc "$here/payload.tar.xz" | tar -x -C "$tmp"
  elif command -v python3 >/dev/null; then
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' \
      "$here/payload.tar.xz" | tar -x -C "$tmp"
  else
    false
  fi || { bare_report "cannot unpack payload.tar.xz (needs xz or python3, and tar)"; return 1; }
  local unpack_s; unpack_s=$(since "$t0")
  say "unpacked in ${unpack_s} s: $(tr '\n' ' ' < "$tmp/BUNDLE-INFO")"
  java="$tmp/jre/bin/java"
  sdk="$tmp/tornadovm-sdk"
  info="$tmp/host-info.txt"
  cp "$tmp/BUNDLE-INFO" "$info"
  note() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ' | sed 's/  */ /g; s/ $//')" >> "$info"; }
  note unpack_seconds "$unpack_s"
  note kernel "$(uname -srm)"
  note cpu "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)"
  note cpu_cores "$(nproc 2>/dev/null)"
  note memory "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"

  # --- which backends can load here ---
  local ldconfig_bin extra_ld=""
  ldconfig_bin="$(command -v ldconfig || ls /sbin/ldconfig /usr/sbin/ldconfig 2>/dev/null | head -n 1)"
  # Path of shared library $1: the linker's cache, then LD_LIBRARY_PATH, then the usual driver folders;
  # a folder outside the linker's search is remembered for LD_LIBRARY_PATH.
  find_lib() {
    local name="$1" p d
    if [ -n "$ldconfig_bin" ]; then
      p="$("$ldconfig_bin" -p 2>/dev/null | awk -v n="$name" '$1 == n && /x86-64/ {print $NF; exit}')"
      [ -n "$p" ] && [ -e "$p" ] && { echo "$p"; return 0; }
    fi
    local IFS=:
    # shellcheck disable=SC2086
    for d in ${LD_LIBRARY_PATH:-} /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu \
        /lib/x86_64-linux-gnu /usr/lib64 /lib64 /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib \
        /usr/lib/wsl/lib; do
      if [ -n "$d" ] && [ -e "$d/$name" ]; then
        case ":$extra_ld:" in *":$d:"*) ;; *) extra_ld="${extra_ld:+$extra_ld:}$d" ;; esac
        echo "$d/$name"
        return 0
      fi
    done
    return 1
  }
  local smi gpu="" driver="" cuda="" libcuda libocl ptx_ok=false opencl_ok=false why_ptx="" why_opencl=""
  smi="$(command -v nvidia-smi || ls /usr/local/nvidia/bin/nvidia-smi /usr/bin/nvidia-smi 2>/dev/null | head -n 1)"
  if [ -n "$smi" ]; then
    gpu="$(timeout 30 "$smi" --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -n 4)"
    driver="$(timeout 30 "$smi" --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -n 1)"
    cuda="$(timeout 30 "$smi" 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -n 1)"
  fi
  if libcuda="$(find_lib libcuda.so.1)"; then
    # The driver's version is in the library's real name (libcuda.so.580.95.05).
    [ -n "$driver" ] || driver="$(readlink -f "$libcuda" | sed -n 's/.*libcuda\.so\.\([0-9][0-9.]*\)$/\1/p')"
    if [ -n "$driver" ] && [ "${driver%%.*}" -lt 580 ] 2>/dev/null; then
      why_ptx="driver $driver is older than 580 (TornadoVM's PTX backend calls CUDA 13 entry points)"
    else
      ptx_ok=true
    fi
  else
    why_ptx="no libcuda.so.1 (no NVIDIA driver)"
  fi
  note gpu "${gpu:-none reported (no nvidia-smi)}"
  note driver_version "${driver:-unknown}"
  note cuda_version "${cuda:-unknown}"
  note libcuda "${libcuda:-absent}"

  local loader="" icd_dir="${OCL_ICD_VENDORS:-/etc/OpenCL/vendors}" icds="" f lib
  if libocl="$(find_lib libOpenCL.so.1)"; then
    loader="$libocl"
  elif [ -f "$tmp/opencl-loader/libOpenCL.so.1" ]; then
    loader="$tmp/opencl-loader/libOpenCL.so.1 (the bundle's)"
    extra_ld="${extra_ld:+$extra_ld:}$tmp/opencl-loader"
  fi
  for f in "$icd_dir"/*.icd; do
    [ -f "$f" ] || continue
    lib="$(head -n 1 "$f" | tr -d '[:space:]')"
    if [ -e "$lib" ] || find_lib "$lib" >/dev/null; then
      icds="$icds $(basename "$f")=$lib"
    fi
  done
  if [ -z "$icds" ] && lib="$(find_lib libnvidia-opencl.so.1)"; then
    # NVIDIA's OpenCL driver is here but registered nowhere: register it for this run only.
    mkdir -p "$tmp/icd"
    echo "$lib" > "$tmp/icd/nvidia.icd"
    export OCL_ICD_VENDORS="$tmp/icd"
    icds=" nvidia.icd=$lib (registered by run.sh)"
  fi
  if [ -z "$loader" ]; then
    why_opencl="no libOpenCL.so.1"
  elif [ -z "$icds" ]; then
    why_opencl="no OpenCL driver (no usable .icd in $icd_dir, no libnvidia-opencl.so.1)"
  else
    opencl_ok=true
  fi
  note libopencl "${loader:-absent}"
  note opencl_icds "${icds# }"
  [ -n "$extra_ld" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$extra_ld"
  note ld_library_path "${LD_LIBRARY_PATH:-}"
  say "PTX: $($ptx_ok && echo "can load ($libcuda, driver ${driver:-?})" || echo "no: $why_ptx")"
  say "OpenCL: $($opencl_ok && echo "can load ($loader;${icds})" || echo "no: $why_opencl")"

  local candidates=() v
  if [ "$backends" != auto ]; then
    IFS=, read -r -a candidates <<< "$backends"
  else
    $ptx_ok && $opencl_ok && candidates+=(opencl-ptx)
    $ptx_ok && candidates+=(ptx)
    $opencl_ok && candidates+=(opencl)
  fi
  export TORNADOVM_HOME="$sdk"
  mkdir -p "$tmp/jtmp" "$tmp/work" "$tmp/javacpp"
  local chosen="" attempts="" t1 rc probe
  for v in "${candidates[@]}"; do
    if [ ! -f "$sdk/etc/sparsedrl-backends/$v.argfile" ]; then
      attempts="$attempts $v: not in this bundle;"
      continue
    fi
    sed "s#\${TORNADOVM_HOME}#$sdk#g" "$sdk/etc/sparsedrl-backends/$v.argfile" > "$tmp/$v.argfile"
    probe="$tmp/probe-$v.txt"
    say "TornadoVM device query with backends $v"
    t1=$(date +%s.%N)
    (cd "$tmp/jtmp" && timeout --kill-after=10 90 "$java" @"$tmp/$v.argfile" -Xmx1g \
       uk.ac.manchester.tornado.drivers.TornadoDeviceQuery verbose) > "$probe" 2>&1
    rc=$?
    sed 's/\x1b\[[0-9;]*m//g' "$probe"
    # A backend that fails to load can still leave exit code 0 and print no device.
    if [ $rc -eq 0 ] && grep -q 'Tornado device=' "$probe" \
        && ! grep -qE 'UnsatisfiedLinkError|ExceptionInInitializerError|Exception in thread' "$probe"; then
      attempts="$attempts $v: ok in $(since "$t1") s;"
      chosen="$v"
      break
    fi
    attempts="$attempts $v: failed in $(since "$t1") s (exit $rc: $(grep -m 1 -E 'Error|Exception|error' "$probe" | cut -c1-200));"
  done
  note backend_attempts "${attempts# }"
  note backends "${chosen:-none}"
  echo "tornado.backends=$(echo "${chosen:-none}" | sed 's/\([a-z][a-z]*\)/\1-backend/g; s/-backend-/-backend,/')" > "$sdk/etc/tornado.backend"

  mark_failed() {
    say "$1"
    "$java" -Xmx256m -jar "$tmp/sparsedrl.jar" device-check --out "$result" --host-info "$info" --mark-failed "$1" >/dev/null
  }
  if [ -z "$chosen" ]; then
    mark_failed "no TornadoVM backend could load here (PTX: ${why_ptx:-tried}; OpenCL: ${why_opencl:-tried};${attempts:+ attempts:$attempts})"
    return 1
  fi
  say "backends: $chosen"

  # --- the check, in TornadoVM's JVM, within what is left of the time limit ---
  local left
  left=$(awk -v a="$t_start" -v b="$(date +%s.%N)" -v l="$time_limit" 'BEGIN {printf "%d", l - (b - a) - 15}')
  [ "$left" -ge 10 ] || { mark_failed "no time left for the check after setup (--time-limit $time_limit)"; return 1; }
  local cmd=("$java" @"$tmp/$chosen.argfile" -Xmx4g -Djava.awt.headless=true -Dtornado.recover.bailout=False
    -Djava.io.tmpdir="$tmp/jtmp" -Dorg.bytedeco.javacpp.cachedir="$tmp/javacpp"
    -jar "$tmp/sparsedrl.jar" device-check --out "$result" --work-dir "$tmp/work" --rom-dir "$tmp/roms"
    --host-info "$info" --device-query "$tmp/probe-$chosen.txt" "${check_args[@]}")
  say "running (at most $left s): java @$chosen.argfile ... -jar sparsedrl.jar device-check ${check_args[*]}"
  (cd "$tmp/jtmp" && SPARSEDRL_ROMS="$tmp/roms" timeout --kill-after=10 "$left" "${cmd[@]}")
  rc=$?
  case $rc in
    0|1) ;;
    2) mark_failed "device-check rejected its arguments (see device-check.log)"; rc=2 ;;
    124|137) mark_failed "stopped by run.sh's time limit (--time-limit $time_limit s) after $(since "$t_start") s"; rc=1 ;;
    *) mark_failed "the check's JVM ended with exit code $rc$([ $rc -gt 128 ] && echo " (signal $((rc - 128)))")"; rc=1 ;;
  esac
  say "finished in $(since "$t_start") s: $result/device-check.json"
  return $rc
}

main 2>&1 | tee "$result/device-check.log"
exit "${PIPESTATUS[0]}"
