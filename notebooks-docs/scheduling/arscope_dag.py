"""Airflow DAG: one Arscope run per day, one task per job, each a plain command.

Copy next to your DAGs and set the Airflow Variables arscope_home, ar_exports, ar_root and ar_mapping. Airflow
passes the logical date as {{ ds }}, the as-of date of the run; a task's non-zero exit code fails it (see the
README's exit codes: 2 configuration, 3 input missing, 4 too many rejected rows). Rerunning a date (clear the
DAG run) replaces that date's outputs. Model training is a separate, monthly DAG: `arscope train`.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

ARSCOPE = "{{ var.value.arscope_home }}/jobs/arscope"
OUT = "{{ var.value.ar_root }}/{{ ds }}"

with DAG(
    dag_id="arscope_daily",
    start_date=datetime(2026, 1, 1),
    schedule="0 6 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
) as dag:
    ingest = BashOperator(
        task_id="ingest",
        bash_command=ARSCOPE + " ingest --input {{ var.value.ar_exports }}/{{ ds }}"
        " --mapping {{ var.value.ar_mapping }} --output " + OUT + "/ingest --as-of {{ ds }}",
    )
    metrics = BashOperator(
        task_id="metrics",
        bash_command=ARSCOPE + " metrics --input " + OUT + "/ingest --output " + OUT + "/metrics --as-of {{ ds }}",
    )
    worklist = BashOperator(
        task_id="worklist",
        bash_command=ARSCOPE + " worklist --input " + OUT + "/ingest --model {{ var.value.ar_root }}/models/current"
        " --output " + OUT + "/worklist --as-of {{ ds }}",
    )
    forecast = BashOperator(
        task_id="forecast",
        bash_command=ARSCOPE + " forecast --input " + OUT + "/ingest --output " + OUT + "/forecast --as-of {{ ds }}",
    )
    report = BashOperator(
        task_id="report",
        bash_command=ARSCOPE + " report --metrics " + OUT + "/metrics --forecast " + OUT + "/forecast"
        " --worklist " + OUT + "/worklist --output " + OUT + "/report",
    )
    ingest >> [metrics, worklist, forecast]
    [metrics, worklist, forecast] >> report
