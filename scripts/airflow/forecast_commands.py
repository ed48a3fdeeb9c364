"""Command lines of the forecast Airflow DAGs (see forecast_dag.py).

Kept free of Airflow imports so that tests can list every command and check it with the
forecast CLI's --dry-run:

    python3 forecast_commands.py --config conf/airline.conf --ds 2026-11-23

prints one JSON object per task: {"dag": ..., "task": ..., "args": [...]}.
"""
import argparse
import json

MAIN_CLASS = "io.sparkforecast.cli.ForecastCli"

# Spark settings every forecast job needs on a cluster:
# Java 17 module openings for Spark, and one native (OpenMP/OpenBLAS) thread per task.
JAVA17_OPENS = " ".join(
    "--add-opens=java.base/" + package + "=ALL-UNNAMED"
    for package in ["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                    "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
                    "sun.nio.cs", "sun.security.action", "sun.util.calendar"])
SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA17_OPENS,
    "spark.executor.extraJavaOptions": JAVA17_OPENS,
    "spark.executorEnv.OMP_NUM_THREADS": "1",
}

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
    options = parser.parse_args()
    for dag_id, task_id, _ in TASKS:
        print(json.dumps({"dag": dag_id, "task": task_id,
                          "args": task_args(dag_id, task_id, options.config, options.ds, options.summary_dir)}))
