"""Command lines of the forecast Airflow DAGs (see forecast_dag.py).

Kept free of Airflow imports so that tests can list every command and check it with the
forecast CLI's --dry-run:

    python3 forecast_commands.py --config conf/airline.conf --ds 2026-11-23

prints one JSON object per task: {"dag": ..., "task": ..., "args": [...]}.
"""
import argparse
import json
import os

MAIN_CLASS = "io.sparkforecast.cli.ForecastCli"

# Spark settings every forecast job needs on a cluster (Java 17 module openings, one native
# thread per task, JavaCPP memory limits, memory overhead, ...): conf/spark-defaults.conf is their
# one source; deploy it beside the DAGs or point FORECAST_SPARK_DEFAULTS at it.
SPARK_DEFAULTS = os.environ.get("FORECAST_SPARK_DEFAULTS", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "conf", "spark-defaults.conf"))


def spark_defaults(path=SPARK_DEFAULTS):
    """The settings of a spark-defaults.conf file: 'key value' lines, # comments."""
    settings = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition(" ")
                settings[key] = value.strip()
    return settings


SPARK_CONF = spark_defaults()

# Each task: (dag, task id, forecast arguments). {config} is the job config file; {ds} the run's
# logical date (Airflow's {{ ds }}), so a rerun of a date redoes exactly that date's work.
TASKS = [
    ("forecast_training", "prepare", ["prepare", "--config", "{config}", "--as-of", "{ds}"]),
    ("forecast_training", "train", ["train", "--config", "{config}"]),
    ("forecast_scoring", "score", ["score", "--config", "{config}", "--run-date", "{ds}"]),
    ("forecast_scoring", "evaluate", ["evaluate", "--config", "{config}"]),
]


def task_args(dag, task, config, ds, summary_dir=None):
    """The forecast CLI arguments of one task, with config and date filled in."""
    for task_dag, task_id, args in TASKS:
        if task_dag == dag and task_id == task:
            filled = [arg.format(config=config, ds=ds) for arg in args]
            if summary_dir:
                filled += ["--summary", f"{summary_dir}/{dag}/{task}/{ds}.json"]
            return filled
    raise KeyError(f"no task {dag}.{task}")


def tasks_of(dag):
    return [task_id for task_dag, task_id, _ in TASKS if task_dag == dag]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True)
    parser.add_argument("--ds", required=True)
    parser.add_argument("--summary-dir")
    parser.add_argument("--spark-conf", action="store_true", help="print the Spark settings the tasks submit with")
    options = parser.parse_args()
    if options.spark_conf:
        print(json.dumps(SPARK_CONF, sort_keys=True))
        raise SystemExit(0)
    for dag_id, task_id, _ in TASKS:
        print(json.dumps({"dag": dag_id, "task": task_id,
                          "args": task_args(dag_id, task_id, options.config, options.ds, options.summary_dir)}))
