"""Airflow DAGs for the forecast jobs, submitted with SparkSubmitOperator
(apache-airflow-providers-apache-spark):

- forecast_training, weekly: prepare (data up to {{ ds }}) >> train
- forecast_scoring, daily: score (run date {{ ds }}) >> evaluate

Every task is idempotent for its date: prepare replaces its output atomically, train publishes a
new immutable model version, score overwrites only the run_date={{ ds }} partition, evaluate
only the metrics partition of the model version it used.

Settings come from Airflow Variables, read when a task runs (through templates):
  forecast_config         job config file, as the driver sees it (default conf/airline.conf)
  forecast_application    the application jar (default jobs/target/forecast.jar)
and when the DAG file is parsed:
  forecast_spark_conn_id  the Spark connection (default spark_default)
  forecast_summary_dir    if set, each task writes its JSON summary (counts, metrics, model
                          version) to <dir>/<dag>/<task>/<ds>.json for downstream tasks (XCom)
                          and monitoring; otherwise to the config's output.summaries
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import forecast_commands as commands

CONFIG = "{{ var.value.get('forecast_config', 'conf/airline.conf') }}"
APPLICATION = "{{ var.value.get('forecast_application', 'jobs/target/forecast.jar') }}"
CONN_ID = Variable.get("forecast_spark_conn_id", default_var="spark_default")
SUMMARY_DIR = Variable.get("forecast_summary_dir", default_var=None)

DEFAULT_ARGS = {
    "owner": "forecast",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
}


def spark_task(dag_id, task_id):
    args = commands.task_args(dag_id, task_id, CONFIG, "{{ ds }}", SUMMARY_DIR)
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=CONN_ID,
        application=APPLICATION,
        java_class=commands.MAIN_CLASS,
        application_args=args,
        conf=commands.SPARK_CONF,
        name=f"forecast-{task_id}-{{{{ ds }}}}",
    )


with DAG(
    dag_id="forecast_training",
    description="Prepare samples up to the run date and train a new model version",
    schedule="@weekly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
) as training:
    spark_task("forecast_training", "prepare") >> spark_task("forecast_training", "train")

with DAG(
    dag_id="forecast_scoring",
    description="Forecast every series for the run date and evaluate the model",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
) as scoring:
    spark_task("forecast_scoring", "score") >> spark_task("forecast_scoring", "evaluate")
