#!/usr/bin/env bash
# Starts a single-node Slurm cluster on localhost for CI: `start.sh STATE_DIR` (an empty or missing folder).
# Installs Debian's slurm-wlm and munge when absent (only as root under CI=true), starts munged if no munge daemon
# answers, writes a minimal slurm.conf into STATE_DIR, starts slurmctld and slurmd on it and waits until the node is
# idle. Every daemon it starts has its pid file in STATE_DIR, so .ci/slurm/stop.sh STATE_DIR stops exactly those.
# Clients find the cluster with: export SLURM_CONF=STATE_DIR/slurm.conf
set -euo pipefail
state=${1:?usage: start.sh STATE_DIR}
mkdir -p "$state"
state=$(cd "$state" && pwd)
case "$state" in
  *[[:space:]]* | *'"'* | *"#"*)
    # slurm.conf takes a path as a bare word.
    echo "start.sh: the state folder's path must not hold spaces, quotes or #: $state" >&2
    exit 1 ;;
esac

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge
  else
    echo "start.sh: slurm-wlm and munge are not installed (install them, or run as root with CI=true)" >&2
    exit 1
  fi
fi
if [ "$(id -u)" != "0" ]; then
  # slurmd starts jobs as their submitting user, which needs root; SlurmUser=root below.
  echo "start.sh: a single-node cluster needs root (slurmd runs jobs as the submitting user)" >&2
  exit 1
fi

# munge: the key must exist, belong to munge and be readable by it alone, or munged refuses to start.
if [ ! -s /etc/munge/munge.key ]; then
  install -d -o munge -g munge -m 0700 /etc/munge
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile=/etc/munge/munge.key
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  su -s /bin/sh munge -c /usr/sbin/munged
  for _ in $(seq 50); do
    [ -s /run/munge/munged.pid ] && break
    sleep 0.1
  done
  # Only a munged started here is ours to stop.
  cp /run/munge/munged.pid "$state/munged.pid"
  munge -n | unmunge >/dev/null
fi

cpus=$(nproc)
# RealMemory a little below what the machine has, so slurmd never finds less than configured.
memory=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
mkdir -p "$state/ctld" "$state/spool"
cat > "$state/slurm.conf" <<EOF
# Single-node cluster for CytoViability's CI (.ci/slurm/start.sh); no accounting, no cgroups.
ClusterName=cytoviability-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$state/slurm.conf"

# -c: a clean start, no jobs or nodes remembered from an earlier cluster.
slurmctld -c -f "$SLURM_CONF"
slurmd -N localhost -f "$SLURM_CONF"

for _ in $(seq 60); do
  if [ "$(sinfo --noheader --nodes=localhost --format=%t 2>/dev/null)" = "idle" ]; then
    echo "start.sh: single-node Slurm up ($cpus CPUs, $memory MB); export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 1
done
echo "start.sh: the node did not become idle within 60 s:" >&2
sinfo >&2 || true
tail -n 20 "$state/slurmctld.log" "$state/slurmd.log" >&2 || true
exit 1
