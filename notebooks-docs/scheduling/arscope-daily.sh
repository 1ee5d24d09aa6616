#!/usr/bin/env bash
# One day's Arscope run, for cron or any scheduler that runs a shell command.
#   arscope-daily.sh <as-of yyyy-mm-dd>
# Needs ARSCOPE_HOME (a built checkout), AR_EXPORTS (one export folder per date), AR_ROOT (outputs), AR_MAPPING and
# a model at $AR_ROOT/models/current (trained monthly: see scheduling.md). arscope run prints one line per step,
# keeps each step's log under $AR_ROOT/<date>/logs/, publishes $AR_ROOT/<date> only when every step is done, and
# exits with the failing step's code (5: another run has the date). Started again after a failure or a kill, it
# resumes from the step that did not finish.
set -euo pipefail
d="${1:?usage: arscope-daily.sh <as-of yyyy-mm-dd>}"
exec "$ARSCOPE_HOME/jobs/arscope" run --as-of "$d" --root "$AR_ROOT" --input "$AR_EXPORTS/$d" \
  --mapping "$AR_MAPPING" --model "$AR_ROOT/models/current"
