"""Airflow DAGs: one Arscope run per day, and the model retrained monthly.

Copy next to your DAGs and set the Airflow Variables arscope_home, ar_exports, ar_root and ar_mapping. Airflow
passes the logical date as {{ ds }}, the as-of date of the run. `arscope run` does the whole pipeline, publishes the
date's folder only when every step is done, and exits non-zero when a step fails (see the README's exit codes).
Each task reads the exit code as the README says: 0 succeeds; 7 (published with warnings: the model refused by
its gate) succeeds with the reason logged as a warning, since the outputs are published and usable; 2
(configuration) and 4 (too many rejected rows) fail without a retry, since a person must act first; any other
code (3 input missing, 5 another run has the date, 8 stale input, 1) fails and is retried. A retry resumes from the
step that did not finish; clearing a DAG run reruns the date and replaces its outputs in one switch.
"""
import logging
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.operators.python import PythonOperator

log = logging.getLogger(__name__)

ARSCOPE = "{{ var.value.arscope_home }}/jobs/arscope"
ROOT = "{{ var.value.ar_root }}"
# Exit codes a retry cannot change: a configuration error, rejected rows over the threshold, a failed output check.
NO_RETRY = {2, 4, 6}
PUBLISHED_WITH_WARNINGS = 7


def arscope(command):
    """Runs one arscope command line, its output in the task's log, and reads its exit code."""
    done = subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in done.stdout.splitlines():
        log.info(line)
    if done.returncode == 0:
        return
    if done.returncode == PUBLISHED_WITH_WARNINGS:
        log.warning("arscope exit 7: published with warnings (said above); the outputs are usable")
        return
    if done.returncode in NO_RETRY:
        raise AirflowFailException(f"arscope exit {done.returncode}: a retry cannot fix this (README, exit codes)")
    raise AirflowException(f"arscope exit {done.returncode} (README, exit codes)")


with DAG(
    dag_id="arscope_daily",
    start_date=datetime(2026, 1, 1),
    schedule="0 6 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
) as daily:
    PythonOperator(
        task_id="run",
        python_callable=arscope,
        op_kwargs={"command": ARSCOPE + " run --as-of {{ ds }} --root " + ROOT + " --input {{ var.value.ar_exports }}/"
                   "{{ ds }} --mapping {{ var.value.ar_mapping }} --model " + ROOT + "/models/current"},
    )

with DAG(
    dag_id="arscope_monthly_model",
    start_date=datetime(2026, 1, 1),
    schedule="0 3 2 * *",
    catchup=False,
    max_active_runs=1,
) as monthly:
    # Trains on the latest published date's canonical tables into models/<ds>; check its test AUC against the
    # baseline in model.json before pointing models/current at it.
    PythonOperator(
        task_id="train",
        python_callable=arscope,
        op_kwargs={"command": ARSCOPE + " train --input " + ROOT + "/{{ macros.ds_add(ds, -1) }}/ingest --model "
                   + ROOT + "/models/{{ ds }} --as-of {{ macros.ds_add(ds, -1) }}"},
    )
