#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. The bundle
# (see make_bundle.sh) is unpacked in /autograder/source: the student version of the
# workbook with the grader, and no solutions.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# Deno comes from the npm registry, like everywhere else in the workbook.
if ! command -v npm >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq nodejs npm unzip >/dev/null
fi
npm install --global --silent deno@2.9.6
deno --version

# Fetch the grader's dependencies now: grading runs offline-friendly and faster.
cd /autograder/source
deno cache lib/cli/grade.ts
