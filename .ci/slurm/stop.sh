#!/usr/bin/env bash
# Stops what .ci/slurm/start.sh STATE_DIR started (the daemons whose pid files are in STATE_DIR: slurmd, slurmctld,
# and munged only if start.sh started it) and removes STATE_DIR.
set -uo pipefail
state=${1:?usage: stop.sh STATE_DIR}
[ -d "$state" ] || exit 0

# Whether process $1 still runs: an exited daemon nobody reaped yet (a zombie) does not.
running() {
  [ -r "/proc/$1/stat" ] && [ "$(sed -E 's/.*\) ([A-Z]) .*/\1/' "/proc/$1/stat")" != Z ]
}

stop() {
  local file=$state/$1 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    running "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

# Every job on this cluster is the CI's own: cancel them so no slurmstepd outlives its daemon.
if [ -s "$state/slurmctld.pid" ] && running "$(cat "$state/slurmctld.pid")"; then
  SLURM_CONF="$state/slurm.conf" scancel --quiet --partition=ci 2>/dev/null
  for _ in $(seq 50); do
    [ -z "$(SLURM_CONF="$state/slurm.conf" squeue --noheader --states=RUNNING,COMPLETING 2>/dev/null)" ] && break
    sleep 0.2
  done
fi
stop slurmd.pid
stop slurmctld.pid
stop munged.pid
rm -rf "$state"
