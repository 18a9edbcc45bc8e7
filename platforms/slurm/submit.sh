#!/usr/bin/env bash
# Grades a class on a Slurm cluster: one job-array task per shard, then a merge job that
# waits for all of them (afterany: a failed shard is reported as missing by the merge).
#
#   bash platforms/slurm/submit.sh --shards N --out DIR [--seed S] [--exercises LIST] CLASS_DIR
#
# CLASS_DIR holds one submission per entry (folders, .zip, .tar.gz). Every shard grades
# the same list with the same seed; shard I writes DIR/parts/shard-I, the merge DIR/gradebook.
# SBATCH (default: sbatch) can be set to a stub that prints the jobs (the tests do).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shards=""
out=""
seed=""
exercises=""
class=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards="${2:-}"; shift ;;
    --out) out="${2:-}"; shift ;;
    --seed) seed="${2:-}"; shift ;;
    --exercises) exercises="${2:-}"; shift ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "submit.sh: unknown option $1" >&2; exit 2 ;;
    *) class="$1" ;;
  esac
  shift
done
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: give --shards N (a positive integer)" >&2; exit 2; }
[ -n "$out" ] || { echo "submit.sh: give --out DIR" >&2; exit 2; }
[ -d "$class" ] || { echo "submit.sh: $class is not a folder of submissions" >&2; exit 2; }
# One seed for every shard, recorded in each part and checked by the merge.
[ -n "$seed" ] || seed=$(( (RANDOM << 15 | RANDOM) + 1 ))
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "submit.sh: --seed must be a non-negative integer" >&2; exit 2; }
workbook="$(cd "$here/../.." && pwd)"
out="$(realpath -m "$out")"
class="$(realpath "$class")"
mkdir -p "$out/parts" "$out/logs"
sbatch_cmd="${SBATCH:-sbatch}"

export WORKBOOK_DIR="$workbook" WORKBOOK_CLASS="$class" WORKBOOK_OUT="$out"
export WORKBOOK_SEED="$seed" WORKBOOK_EXERCISES="$exercises" WORKBOOK_SHARDS="$shards"
array=$("$sbatch_cmd" --parsable --array="1-$shards" --output="$out/logs/shard-%a.log" \
  --export=ALL "$here/grade_shard.sbatch")
array="${array%%;*}"
merge=$("$sbatch_cmd" --parsable --dependency="afterany:$array" --output="$out/logs/merge.log" \
  --export=ALL "$here/merge.sbatch")
echo "Submitted $shards shard(s) as job array $array and the merge as job ${merge%%;*} (seed $seed)."
echo "The gradebook will be in $out/gradebook."
