#!/usr/bin/env bash
# Builds autograder.zip for Gradescope ("Zip file upload" in the autograder settings):
# the student version of the workbook with the grader (deno task dist --with-grader:
# no solutions), with setup.sh and run_autograder at the root of the zip.
#
#   bash platforms/gradescope/make_bundle.sh [OUT.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-autograder.zip}")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

deno_cmd=(deno)
command -v deno >/dev/null || deno_cmd=(npx --yes deno@2.9.6)
(cd "$root" && "${deno_cmd[@]}" task dist --out "$tmp/bundle" --with-grader >/dev/null)
cp "$here/setup.sh" "$here/run_autograder" "$tmp/bundle/"
chmod +x "$tmp/bundle/setup.sh" "$tmp/bundle/run_autograder"
rm -f "$out"
(cd "$tmp/bundle" && zip -qr "$out" .)
echo "Wrote $out"
