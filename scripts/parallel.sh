#!/usr/bin/env bash
# Runs commands side by side, for `npm test` (see .projenrc.ts): each quoted COMMAND in the
# background with its output held and printed whole once the foreground command has ended (so
# lines never interleave), and FOREGROUND (after --, with its arguments) with its output as it
# comes. Exits 1 when any of them failed, after all have ended, naming each that failed.
#   scripts/parallel.sh 'COMMAND' ... -- FOREGROUND [ARG ...]
#
# Why: jsii, jsii-docgen, tsc and eslint each use one core, jest both; one after the other the
# second core idled through all but jest.
set -uo pipefail

commands=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  commands+=("$1")
  shift
done
if [ $# -lt 2 ]; then
  echo "usage: $0 'COMMAND' ... -- FOREGROUND [ARG ...]" >&2
  exit 2
fi
shift

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for i in "${!commands[@]}"; do
  bash -c "${commands[$i]}" >"$logs/$i" 2>&1 &
  pids+=($!)
done
# Stop the background commands too when the run is interrupted.
trap 'kill "${pids[@]}" 2>/dev/null; exit 130' INT TERM

failed=()
"$@" || failed+=("$* (exit $?)")
for i in "${!commands[@]}"; do
  wait "${pids[$i]}"
  status=$?
  echo "👾 ${commands[$i]}"
  cat "$logs/$i"
  [ "$status" -eq 0 ] || failed+=("${commands[$i]} (exit $status)")
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
