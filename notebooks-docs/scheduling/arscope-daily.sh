#!/usr/bin/env bash
# One day's Arscope run, step by step, for cron or any scheduler that runs a shell command.
#   arscope-daily.sh <as-of yyyy-mm-dd>
# Needs ARSCOPE_HOME (a built checkout), AR_EXPORTS (one export folder per date), AR_ROOT (outputs) and
# AR_MAPPING. Stops at the first failing step with that step's exit code (see the README's exit codes), so the
# scheduler marks the run failed; rerunning the same date replaces that date's outputs.
set -euo pipefail
d="${1:?usage: arscope-daily.sh <as-of yyyy-mm-dd>}"
arscope="$ARSCOPE_HOME/jobs/arscope"
out="$AR_ROOT/$d"
model="$AR_ROOT/models/current"

step() {
  local name=$1; shift
  local started=$SECONDS
  "$arscope" "$@" > "$out/logs/$name.log" 2>&1 || { rc=$?; echo "$d $name FAILED (exit $rc), see $out/logs/$name.log" >&2; exit $rc; }
  echo "$d $name ok in $((SECONDS - started)) s: $(tail -n 1 "$out/logs/$name.log")"
}

mkdir -p "$out/logs"
step ingest   ingest   --input "$AR_EXPORTS/$d" --mapping "$AR_MAPPING" --output "$out/ingest" --as-of "$d"
step metrics  metrics  --input "$out/ingest" --output "$out/metrics" --as-of "$d"
step worklist worklist --input "$out/ingest" --model "$model" --output "$out/worklist" --as-of "$d"
step forecast forecast --input "$out/ingest" --output "$out/forecast" --as-of "$d"
step report   report   --metrics "$out/metrics" --forecast "$out/forecast" --worklist "$out/worklist" --output "$out/report"
