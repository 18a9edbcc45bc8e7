#!/usr/bin/env bash
# Builds autograder.zip for Gradescope ("Zip file upload" in the autograder settings):
# the student version of the workbook with the grader (deno task dist --with-grader:
# no solutions), with setup.sh and run_autograder at the root of the zip.
#
#   bash platforms/gradescope/make_bundle.sh [--leaderboard] [--exercises LIST] [OUT.zip]
#
#   --leaderboard     put the speed-ups on Gradescope's leaderboard (turn the
#                     leaderboard on in the assignment's settings too)
#   --exercises LIST  grade only these exercises, e.g. 1,2,6 (default: all available)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
leaderboard=0
exercises=""
out_arg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --leaderboard) leaderboard=1 ;;
    --exercises)
      [ $# -ge 2 ] || { echo "make_bundle.sh: --exercises needs a list, e.g. 1,2,6" >&2; exit 2; }
      exercises="$2"
      shift
      ;;
    -*) echo "make_bundle.sh: unknown option $1" >&2; exit 2 ;;
    *) out_arg="$1" ;;
  esac
  shift
done
if ! [[ "$exercises" =~ ^[0-9A-Za-z,_-]*$ ]]; then
  echo "make_bundle.sh: --exercises $exercises: give numbers or slugs separated by commas" >&2
  exit 2
fi
out="$(realpath -m "${out_arg:-autograder.zip}")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

deno_cmd=(deno)
command -v deno >/dev/null || deno_cmd=(npx --yes deno@2.9.6)
(cd "$root" && "${deno_cmd[@]}" task dist --out "$tmp/bundle" --with-grader >/dev/null)
cp "$here/setup.sh" "$here/run_autograder" "$tmp/bundle/"
chmod +x "$tmp/bundle/setup.sh" "$tmp/bundle/run_autograder"
printf 'leaderboard=%s\nexercises=%s\n' "$leaderboard" "$exercises" >"$tmp/bundle/bundle.conf"
rm -f "$out"
(cd "$tmp/bundle" && zip -qr "$out" .)
echo "Wrote $out"
