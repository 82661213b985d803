#!/usr/bin/env bash
# A single-node Slurm cluster on localhost, for testing `sparsedrl sweep --executor slurm`.
#
#   scripts/slurm-local.sh start    start munged, slurmctld and slurmd; print the environment to use
#   scripts/slurm-local.sh status   show the node and the queue
#   scripts/slurm-local.sh stop     cancel all jobs, wait for an empty queue, stop the daemons by pid
#
# Needs the Debian packages slurmctld slurmd slurm-client munge (22.05; no systemd needed). Every
# file lives under $SPARSEDRL_SLURM_DIR (default /tmp/sparsedrl-slurm): munge key and socket,
# slurm.conf, state, spool, logs, pid files. Ports are non-default (16817/16818, override with
# SPARSEDRL_SLURM_PORT_BASE) so a system Slurm is not disturbed. Process tracking is linuxproc and
# tasks are not confined (task/none): no cgroups needed, which is what makes this work in containers.
# After `start`, run: eval "$(scripts/slurm-local.sh env)"  (or export SLURM_CONF as printed).
set -euo pipefail

dir="${SPARSEDRL_SLURM_DIR:-/tmp/sparsedrl-slurm}"
port="${SPARSEDRL_SLURM_PORT_BASE:-16817}"
conf="$dir/slurm.conf"
export SLURM_CONF="$conf"

find_bin() {
  local name="$1" d
  for d in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
    [ -x "$d/$name" ] && { echo "$d/$name"; return 0; }
  done
  command -v "$name" 2>/dev/null || return 1
}

require_bins() {
  local missing=() b
  for b in munged slurmctld slurmd sbatch squeue scancel sinfo scontrol; do
    find_bin "$b" >/dev/null || missing+=("$b")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "slurm-local: missing ${missing[*]}; install: apt-get install slurmctld slurmd slurm-client munge" >&2
    exit 3
  fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_conf() {
  local cpus mem
  cpus="$(nproc)"
  # Leave a margin: slurmd drains a node that reports less memory than configured.
  mem="$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)"
  cat >"$conf" <<CONF
ClusterName=sparsedrl-local
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket.2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MaxArraySize=10001
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
MinJobAge=5
KillWait=10
NodeName=localhost NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  require_bins
  if pid_alive "$dir/slurmctld.pid"; then
    echo "slurm-local: already running in $dir" >&2
    print_env
    return 0
  fi
  mkdir -p "$dir"/{munge,state,spool,log}
  chmod 700 "$dir/munge"
  if [ ! -f "$dir/munge/munge.key" ]; then
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge/munge.key"
  fi
  # --force: munged is strict about directory permissions (/tmp is world-writable).
  "$(find_bin munged)" --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket.2" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
  write_conf
  "$(find_bin slurmctld)" -f "$conf" -c
  "$(find_bin slurmd)" -f "$conf" -N localhost
  # Wait until the node accepts work.
  local i state
  for i in $(seq 1 60); do
    state="$(sinfo -h -n localhost -o %T 2>/dev/null | head -n 1 || true)"
    case "$state" in
      idle*|mixed*|allocated*) break ;;
      down*|drain*) scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 1
  done
  if [[ ! "$state" =~ ^(idle|mixed|allocated) ]]; then
    echo "slurm-local: node did not become ready (state '${state:-none}'); logs in $dir/log" >&2
    tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
    exit 1
  fi
  echo "slurm-local: cluster up in $dir (node localhost: $state)" >&2
  print_env
}

print_env() {
  echo "export SLURM_CONF=$conf"
}

status() {
  if ! pid_alive "$dir/slurmctld.pid"; then
    echo "slurm-local: not running ($dir)"
    return 1
  fi
  sinfo
  squeue
}

stop_pid() {
  local file="$1" name="$2" pid i
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "slurm-local: $name ($pid) ignored TERM; killing" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop() {
  if pid_alive "$dir/slurmctld.pid"; then
    local ids i
    ids="$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')"
    if [ -n "${ids// /}" ]; then
      # shellcheck disable=SC2086
      scancel $ids 2>/dev/null || true
    fi
    for i in $(seq 1 60); do
      [ -z "$(squeue -h 2>/dev/null)" ] && break
      sleep 1
    done
    [ -z "$(squeue -h 2>/dev/null)" ] || echo "slurm-local: queue not empty after 60 s; stopping anyway" >&2
  fi
  stop_pid "$dir/slurmd.pid" slurmd
  stop_pid "$dir/slurmctld.pid" slurmctld
  stop_pid "$dir/munge/munged.pid" munged
  echo "slurm-local: stopped ($dir)" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
