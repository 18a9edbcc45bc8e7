#!/usr/bin/env bash
# Grades a class on a Slurm cluster: one array task per shard, then one merge job
# that waits for all of them (afterok). Run it from the instructor's copy of the
# workbook, on a login node:
#
#   bash platforms/slurm/grade_class.sh --shards 8 --out grades/ classes/fall/*
#
# Each array task runs `deno task grade --shard I/N` on a whole node's worth of
# CPUs it keeps to itself (--exclusive): timings are only fair one submission at
# a time on a quiet machine, and the parallel exercises need 2 or more cores.
# Every shard grades with the same --seed; the merge refuses parts that differ.
#
# Options (before the submissions):
#   --shards N        how many array tasks (default 4)
#   --out DIR         where the merged gradebook goes (must be empty or absent)
#   --seed S          the seed every shard uses (default: a random one, printed)
#   --cpus C          CPUs per task (default 4; at least 2)
#   --time HH:MM:SS   the time limit of one array task (default 04:00:00)
#   --partition P     the Slurm partition (default: the cluster's default)
#   --dry-run         print the sbatch commands instead of submitting them
# Anything after the options (or after --) is a submission: a folder or an archive.
set -euo pipefail

shards=4 out="" seed="" cpus=4 time_limit="04:00:00" partition="" dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --cpus) cpus="$2"; shift 2 ;;
    --time) time_limit="$2"; shift 2 ;;
    --partition) partition="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --) shift; break ;;
    -*) echo "grade_class.sh: unknown option $1 (see the comment at the top of this file)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ -z "$out" ]; then echo "grade_class.sh: give --out DIR" >&2; exit 2; fi
if [ $# -eq 0 ]; then echo "grade_class.sh: name the submissions to grade" >&2; exit 2; fi
if ! [[ "$shards" =~ ^[0-9]+$ ]] || [ "$shards" -lt 1 ]; then
  echo "grade_class.sh: --shards must be a whole number, 1 or more" >&2; exit 2
fi
if ! [[ "$cpus" =~ ^[0-9]+$ ]] || [ "$cpus" -lt 2 ]; then
  echo "grade_class.sh: --cpus must be 2 or more (one core cannot judge the parallel exercises)" >&2
  exit 2
fi
if [ -z "$seed" ]; then seed=$(( (RANDOM << 15 | RANDOM) % 2147483647 )); fi

workbook="$(cd "$(dirname "$0")/../.." && pwd)"
parts="${out%/}.parts"
mkdir -p "$parts/logs"
# The submission list travels in a file: a class is longer than a command line likes.
list="$parts/submissions.txt"
printf '%s\n' "$@" > "$list"

part_opts=(--parsable --array "1-${shards}" --cpus-per-task "$cpus" --exclusive
  --time "$time_limit" --job-name workbook-grade --output "$parts/logs/shard-%a.out")
merge_opts=(--parsable --cpus-per-task 1 --time 00:30:00 --job-name workbook-merge
  --output "$parts/logs/merge.out")
if [ -n "$partition" ]; then part_opts+=(--partition "$partition"); merge_opts+=(--partition "$partition"); fi

submit() {
  if [ "$dry_run" -eq 1 ]; then
    { printf 'sbatch'; printf ' %q' "$@"; printf '\n'; } >&2
    echo "$(( 1000 + RANDOM ))"
  else
    sbatch "$@"
  fi
}

array_job=$(submit "${part_opts[@]}" --export "ALL,WORKBOOK=$workbook,SHARDS=$shards,SEED=$seed,PARTS=$parts,LIST=$list" \
  "$workbook/platforms/slurm/shard.sbatch" | tail -n 1)
array_id="${array_job%%;*}"
merge_job=$(submit "${merge_opts[@]}" --dependency "afterok:${array_id}" \
  --export "ALL,WORKBOOK=$workbook,SHARDS=$shards,PARTS=$parts,OUT=$out" \
  "$workbook/platforms/slurm/merge.sbatch" | tail -n 1)
echo "Submitted shards as job ${array_id} (1-${shards}, seed ${seed}) and the merge as job ${merge_job%%;*}."
echo "Parts and logs: ${parts}/ · gradebook: ${out}/"
