#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for testing `infoplane plan | estimate --plan | merge` under a real
# scheduler (test/slurm/slurm.e2e.test.ts, run by `npm run test:slurm` and by .ci/run).
#
#   bash scripts/slurm-local.sh start    # install slurm-wlm + munge if missing, write config, start daemons, wait for idle
#   bash scripts/slurm-local.sh status   # exit 0 when the node answers and is usable
#   bash scripts/slurm-local.sh stop     # stop the daemons this script started
#   bash scripts/slurm-local.sh env      # print `export SLURM_CONF=...` for this cluster
#
# Everything (config, munge key and socket, state, spool, logs, pid files) lives in one folder the script owns,
# $INFOPLANE_SLURM_DIR (default /tmp/infoplane-slurm), so nothing in /etc is touched and a system munged or Slurm
# keeps working. Clients find the cluster through SLURM_CONF=$INFOPLANE_SLURM_DIR/slurm.conf.
#
# Needs root: slurmd launches jobs as the submitting user, and we run the controller as root too (SlurmUser=root is
# fine for a throw-away local cluster). There is no systemd here, so the daemons are started directly. The plugins
# chosen (proctrack/linuxproc, task/none, jobacct_gather/none) need no cgroups, so this also works in containers.
set -euo pipefail

DIR=${INFOPLANE_SLURM_DIR:-/tmp/infoplane-slurm}
CTLD_PORT=${INFOPLANE_SLURM_CTLD_PORT:-16817}  # off the default 6817/6818 so a real cluster on this host is undisturbed
SLURMD_PORT=${INFOPLANE_SLURM_SLURMD_PORT:-16818}
WAIT_SECONDS=${INFOPLANE_SLURM_WAIT:-60}
export SLURM_CONF="$DIR/slurm.conf"
MUNGE_SOCKET="$DIR/munge/munge.socket.2"

say() { echo "slurm-local: $*"; }
die() { echo "slurm-local: error: $*" >&2; exit 1; }

# pid_alive FILE: the pid recorded in FILE is a running daemon of the file's name (munged.pid -> munged). The name
# check matters after a reboot or a killed session, when a stale pid file may hold a pid reused by something else.
pid_alive() {
  local pid name
  [[ -s $1 ]] || return 1
  pid=$(cat "$1")
  name=$(basename "$1" .pid)
  [[ -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == "$name" ]] || return 1
  # A killed daemon not yet reaped is a zombie: gone for our purposes.
  [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) != Z ]]
}

# The lines that explain a failure, from every daemon log we own.
show_errors() {
  local f
  for f in "$DIR/munge/munged.log" "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" \
           "$DIR/log/slurmctld.out" "$DIR/log/slurmd.out"; do
    [[ -s $f ]] || continue
    echo "---- $f (error lines)" >&2
    grep -iE 'error|fatal|fail|denied|unable|invalid' "$f" | tail -n 20 >&2 || true
    echo "---- $f (last 10 lines)" >&2
    tail -n 10 "$f" >&2
  done
}

install_if_missing() {
  local missing=0 cmd
  for cmd in sbatch sinfo scontrol slurmctld slurmd munged munge; do
    command -v "$cmd" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 || missing=1
  done
  ((missing)) || return 0
  [[ $(id -u) == 0 ]] || die "slurm-wlm/munge are not installed and installing needs root (apt-get install slurm-wlm munge)"
  say "installing slurm-wlm and munge with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge >/dev/null
}

write_config() {
  local host cpus mem_mb
  host=$(hostname -s)
  cpus=$(nproc)
  # Advertise a little less memory than the machine has: slurmd drains a node reporting less than RealMemory.
  mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  mkdir -p "$DIR/state" "$DIR/spool/$host" "$DIR/log" "$DIR/run"
  cat >"$SLURM_CONF" <<EOF
# Written by scripts/slurm-local.sh: a one-node test cluster. Regenerated on every start from a stopped state.
ClusterName=infoplane
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: these plugins work in containers and VMs without a delegated cgroup tree.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
# Count CPUs (not cores or memory): each array task takes one CPU, so N tasks run min(N, CPUs) at a time.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# A node that was down (e.g. after stop/start) comes back by itself as soon as slurmd registers.
ReturnToService=2
SlurmdTimeout=120
InactiveLimit=0
KillWait=5
MinJobAge=300
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
  pid_alive "$DIR/munge/munged.pid" && return 0
  # munged insists the socket folder is traversable by all and the key readable by its owner only.
  mkdir -p "$DIR/munge"
  chmod 755 "$DIR" "$DIR/munge"
  if [[ ! -s $DIR/munge/munge.key ]]; then
    dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  fi
  chmod 400 "$DIR/munge/munge.key"
  munged --key-file="$DIR/munge/munge.key" --socket="$MUNGE_SOCKET" \
    --log-file="$DIR/munge/munged.log" --pid-file="$DIR/munge/munged.pid" \
    --seed-file="$DIR/munge/munged.seed" || { show_errors; die "munged did not start"; }
  munge -S "$MUNGE_SOCKET" -n | unmunge -S "$MUNGE_SOCKET" >/dev/null \
    || { show_errors; die "munge credential round trip failed on $MUNGE_SOCKET"; }
}

# The node's state as sinfo prints it (idle, mixed, allocated, down*, unknown...), empty if the controller is silent.
node_state() {
  { sinfo -h -N -o '%T' 2>/dev/null || true; } | head -n 1
}

usable_state() {
  case "$1" in idle | mixed | allocated | completing) return 0 ;; *) return 1 ;; esac
}

start() {
  install_if_missing
  export PATH="$PATH:/usr/sbin:/sbin"
  [[ $(id -u) == 0 ]] || die "start needs root (slurmd runs jobs as the submitting user)"
  if pid_alive "$DIR/run/slurmctld.pid" && pid_alive "$DIR/run/slurmd.pid" && usable_state "$(node_state)"; then
    say "already running (node $(node_state)); $(print_env)"
    return 0
  fi
  mkdir -p "$DIR"
  if ! pid_alive "$DIR/run/slurmctld.pid" && ! pid_alive "$DIR/run/slurmd.pid"; then
    write_config
  fi
  start_munge
  # -c: forget jobs of an earlier run of this throw-away cluster; -i: ignore errors reading old state.
  if ! pid_alive "$DIR/run/slurmctld.pid"; then
    slurmctld -c -i -f "$SLURM_CONF" >"$DIR/log/slurmctld.out" 2>&1 || { show_errors; die "slurmctld did not start"; }
  fi
  if ! pid_alive "$DIR/run/slurmd.pid"; then
    slurmd -c -f "$SLURM_CONF" >"$DIR/log/slurmd.out" 2>&1 || { show_errors; die "slurmd did not start"; }
  fi
  local waited=0 state=""
  while ((waited < WAIT_SECONDS)); do
    state=$(node_state)
    if usable_state "$state"; then
      say "node $(hostname -s) is $state after ${waited}s; $(print_env)"
      return 0
    fi
    # A daemon that died (bad config, port taken) will not come back: report it now rather than at the timeout.
    if ((waited >= 2)) && { ! pid_alive "$DIR/run/slurmctld.pid" || ! pid_alive "$DIR/run/slurmd.pid"; }; then
      pid_alive "$DIR/run/slurmctld.pid" || echo "slurm-local: error: slurmctld exited" >&2
      pid_alive "$DIR/run/slurmd.pid" || echo "slurm-local: error: slurmd exited" >&2
      show_errors
      exit 1
    fi
    # A node listed down at start-up (e.g. first registration raced the controller) may just need a resume.
    if [[ $state == down* || $state == drain* ]]; then
      scontrol update NodeName="$(hostname -s)" State=RESUME >/dev/null 2>&1 || true
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "slurm-local: error: node not idle after ${WAIT_SECONDS}s (sinfo state: '${state:-no answer from slurmctld}')" >&2
  sinfo -N -l >&2 2>&1 || true
  scontrol show node >&2 2>&1 || true
  show_errors
  exit 1
}

stop_pidfile() {  # stop_pidfile NAME FILE: TERM the recorded pid, wait up to 10 s, then KILL it
  local name=$1 file=$2 pid i
  pid_alive "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; say "stopped $name ($pid)"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
  say "killed $name ($pid)"
}

stop() {
  export PATH="$PATH:/usr/sbin:/sbin"
  # Cancel leftover jobs first so slurmd leaves no job steps behind.
  if pid_alive "$DIR/run/slurmctld.pid"; then
    scancel --full --quiet --user="$(id -un)" 2>/dev/null || true
  fi
  stop_pidfile slurmd "$DIR/run/slurmd.pid"
  stop_pidfile slurmctld "$DIR/run/slurmctld.pid"
  stop_pidfile munged "$DIR/munge/munged.pid"
}

status() {
  export PATH="$PATH:/usr/sbin:/sbin"
  local ok=0 state
  pid_alive "$DIR/munge/munged.pid" && say "munged running ($(cat "$DIR/munge/munged.pid"))" || { say "munged not running"; ok=1; }
  pid_alive "$DIR/run/slurmctld.pid" && say "slurmctld running ($(cat "$DIR/run/slurmctld.pid"))" || { say "slurmctld not running"; ok=1; }
  pid_alive "$DIR/run/slurmd.pid" && say "slurmd running ($(cat "$DIR/run/slurmd.pid"))" || { say "slurmd not running"; ok=1; }
  state=$(node_state)
  say "node state: ${state:-no answer from slurmctld}"
  usable_state "$state" || ok=1
  say "$(print_env)"
  return $ok
}

print_env() { echo "export SLURM_CONF=$SLURM_CONF"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env   (folder: \$INFOPLANE_SLURM_DIR, default /tmp/infoplane-slurm)" >&2; exit 2 ;;
esac
