"""Airflow DAGs: one Arscope run per day, and the model retrained monthly.

Copy next to your DAGs and set the Airflow Variables arscope_home, ar_exports, ar_root and ar_mapping. Airflow
passes the logical date as {{ ds }}, the as-of date of the run. `arscope run` does the whole pipeline, publishes the
date's folder only when every step is done, and exits non-zero when a step fails (see the README's exit codes:
2 configuration, 3 input missing, 4 too many rejected rows, 5 another run has the date). A retry resumes from the
step that did not finish; clearing a DAG run reruns the date and replaces its outputs in one switch.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

ARSCOPE = "{{ var.value.arscope_home }}/jobs/arscope"
ROOT = "{{ var.value.ar_root }}"

with DAG(
    dag_id="arscope_daily",
    start_date=datetime(2026, 1, 1),
    schedule="0 6 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
) as daily:
    BashOperator(
        task_id="run",
        bash_command=ARSCOPE + " run --as-of {{ ds }} --root " + ROOT + " --input {{ var.value.ar_exports }}/{{ ds }}"
        " --mapping {{ var.value.ar_mapping }} --model " + ROOT + "/models/current",
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
    BashOperator(
        task_id="train",
        bash_command=ARSCOPE + " train --input " + ROOT + "/{{ macros.ds_add(ds, -1) }}/ingest --model " + ROOT
        + "/models/{{ ds }} --as-of {{ macros.ds_add(ds, -1) }}",
    )
