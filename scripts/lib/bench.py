"""The benchmark scripts' shared figures: what a run measured, read from the job summaries and
model metadata the jobs write (never scraped from logs), kept as one JSON object per run, and
the medians and ratios the scripts print, written as JSON that tables are built from.

    bench.py train-rates SUMMARY               samples/s of a train run's epochs after the first
    bench.py prepare-run META WALL RSS_KB LOG  a prepare run's figures
    bench.py score-run SUMMARY WALL RSS_KB     a score run's figures
    bench.py busy-cores LOG CPU_SAMPLES        cores a train run kept busy between its epoch lines
    bench.py scale-run SUMMARY STARTED ENDED LOG CPU   a bench-train-scale run's figures (epoch seconds)
    bench.py scale-pair SUMMARY SUMMARY STARTED ENDED LOG CPU   two such jobs run at once, summed
    bench.py record RUNS LABEL KEY=VALUE...    appends a run to RUNS (JSON lines)
    bench.py report BENCH RUNS RESULTS         prints the medians and ratios; writes RESULTS (JSON)
    bench.py median VALUE...                   the median ("-" when a value is "-")
    bench.py get RESULTS LABEL KEY             a median from RESULTS ("-" when absent)
    bench.py job-seconds SUMMARY...            "JOB S s" per job summary, comma-separated
    bench.py plot RUNS SVG TITLE               seconds against size per label, log-log, as SVG
    bench.py rounds EVENT_LOG                  where a parameter-averaging run's rounds spent their time
    bench.py cost-model RUNS MODEL_JSON        bench-rounds' cost model: fit, check, projection

Figures are printed as KEY=VALUE after a label, medians as "median LABEL (N runs): ...".
"""
import datetime
import json
import math
import os
import re
import statistics
import sys

# Per benchmark, the ratios of medians it prints: (name, figure, numerator label, denominator label).
RATIOS = {
    "train": [
        ("local[2] / single-node", "samples_per_s", "local-2", "single-node"),
        ("cluster / single-node", "samples_per_s", "cluster", "single-node"),
        ("whole epoch, local[2] / single-node", "whole_epoch_samples_per_s", "local-2", "single-node"),
        ("whole epoch, cluster / single-node", "whole_epoch_samples_per_s", "cluster", "single-node"),
        ("single-node / single-node stock LSTM", "samples_per_s", "single-node", "single-node-stock"),
        ("dl4j single-node / pytorch", "samples_per_s", "single-node", "pytorch"),
    ],
    "train-scale": [
        ("epoch, local[2] / local[1]", "epoch_samples_per_s", "local-2", "local-1"),
        ("epoch, cluster / local[1]", "epoch_samples_per_s", "cluster", "local-1"),
        ("job, local[2] / local[1]", "job_samples_per_s", "local-2", "local-1"),
        ("job, cluster / local[1]", "job_samples_per_s", "cluster", "local-1"),
        ("epoch, two local[1] jobs at once / local[1]", "epoch_samples_per_s", "two-local-1", "local-1"),
    ],
    "prepare": [
        ("prepare / bare reference, seconds", "job_s", "prepare", "bare"),
    ],
}
# Ratios also taken run by run, where the two labels' runs alternate side by side.
PAIRED = {"train": [("dl4j single-node / pytorch", "samples_per_s", "single-node", "pytorch")]}


def load(path):
    with open(path) as f:
        return json.load(f)


def training(summary_path):
    """The training section of the model.json a train summary names."""
    return load(load(summary_path)["paths"]["model"] + "/model.json")["training"]


def train_rates(summary_path, model=None):
    """samples/s of fitting and of whole epochs (fit plus the losses), epochs after the first."""
    model = model or training(summary_path)
    history = model["loss_history"]
    fitting = [e["samples_per_second"] for e in history]
    whole = [model["train_samples"] / e["seconds"] for e in history]
    return {
        "samples_per_s": round(statistics.median(fitting[1:] or fitting)),
        "whole_epoch_samples_per_s": round(statistics.median(whole[1:] or whole)),
        "train_samples": model["train_samples"],
    }


def prepare_run(meta_path, wall, rss_kb, log_path):
    meta = load(meta_path)
    with open(log_path) as f:
        heap = re.search(r"peak heap (\d+) MB of (\d+) MB", f.read())
    counts = meta["counts"]
    samples = sum(counts["samples_by_split"].values())
    seconds = meta["seconds"]
    return {
        "job_s": round(seconds, 1), "process_wall_s": round(float(wall), 1),
        "input_rows": counts["input_rows"], "samples": samples,
        "rows_per_s": round(counts["input_rows"] / seconds), "samples_per_s": round(samples / seconds),
        "peak_rss_mb": round(int(rss_kb) / 1024),
        "peak_heap_mb": int(heap.group(1)) if heap else None, "heap_max_mb": int(heap.group(2)) if heap else None,
    }


def score_run(summary_path, wall, rss_kb):
    summary = load(summary_path)
    counts, seconds = summary["counts"], summary["seconds"]
    return {
        "job_s": round(seconds, 1), "process_wall_s": round(float(wall), 1),
        "series": counts["scored_series"], "forecasts": counts["predictions"],
        "forecasts_per_s": round(counts["predictions"] / seconds),
        "series_per_s": round(counts["scored_series"] / seconds),
        "peak_rss_mb": round(int(rss_kb) / 1024),
    }


def busy_cores(log_path, cpu_path):
    """CPU seconds per wall second of the job's JVMs between its first and last epoch line."""
    hz = os.sysconf("SC_CLK_TCK")
    with open(cpu_path) as f:
        cpu = [tuple(map(float, line.split())) for line in f if len(line.split()) == 2]
    with open(log_path) as f:
        lines = re.findall(r"^(\d\d:\d\d:\d\d) INFO .* epoch \d+/\d+ ", f.read(), re.M)
    if not cpu or len(lines) < 2:
        return None
    day = datetime.datetime.fromtimestamp(cpu[0][0]).date()

    def at(hms):
        return datetime.datetime.combine(day, datetime.time.fromisoformat(hms)).timestamp()

    def ticks(t):
        return min(cpu, key=lambda s: abs(s[0] - t))[1]

    first, last = at(lines[0]), at(lines[-1])
    return round((ticks(last) - ticks(first)) / hz / (last - first), 2) if last > first else None


def scale_run(summary_path, started, ended, log_path, cpu_path):
    """The whole job's samples/s (every epoch's samples over the job's wall time), the epochs'."""
    return scale_figures([summary_path], started, ended, log_path, cpu_path)


def scale_pair(summary_a, summary_b, started, ended, log_path, cpu_path):
    """Two independent one-worker jobs run at once: what two workers can do with no averaging."""
    return scale_figures([summary_a, summary_b], started, ended, log_path, cpu_path)


def scale_figures(summary_paths, started, ended, log_path, cpu_path):
    """The jobs' samples (every epoch's) over the wall time they took together, their epoch rates summed."""
    job_seconds = float(ended) - float(started)
    samples = 0
    epoch_rate = 0
    for summary in summary_paths:
        model = training(summary)
        rates = train_rates(summary, model)
        samples += rates["train_samples"] * len(model["loss_history"])
        epoch_rate += rates["whole_epoch_samples_per_s"]
    return {
        "job_s": round(job_seconds, 1),
        "job_samples_per_s": round(samples / job_seconds),
        "epoch_samples_per_s": epoch_rate,
        "cores_busy_after_epoch_1": busy_cores(log_path, cpu_path),
    }


def number(text):
    if text in ("", "-", "None"):
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() and "." not in text else value


def record(runs_path, label, pairs):
    run = {"label": label}
    for pair in pairs:
        key, _, value = pair.partition("=")
        run[key] = number(value)
    with open(runs_path, "a") as f:
        f.write(json.dumps(run) + "\n")


def figures(values):
    return " ".join(f"{k}={format_value(v)}" for k, v in values.items() if k not in ("label", "run"))


def format_value(value):
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def report(bench, runs_path, results_path):
    """Medians per label of every numeric figure, and the benchmark's ratios of medians."""
    with open(runs_path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    labels = list(dict.fromkeys(run["label"] for run in runs))
    medians = {}
    for label in labels:
        mine = [run for run in runs if run["label"] == label]
        keys = list(dict.fromkeys(k for run in mine for k in run if k not in ("label", "run")))
        medians[label] = {}
        for key in keys:
            values = [run[key] for run in mine if isinstance(run.get(key), (int, float))]
            if values:
                medians[label][key] = round(statistics.median(values), 3)
        print(f"median {label} ({len(mine)} runs): {figures(medians[label])}")
    ratios = {}
    for name, key, numerator, denominator in RATIOS.get(bench, []):
        top = medians.get(numerator, {}).get(key)
        bottom = medians.get(denominator, {}).get(key)
        if top and bottom:
            ratios[name] = round(top / bottom, 2)
            print(f"ratio {name}: {ratios[name]:.2f}")
    for name, key, numerator, denominator in PAIRED.get(bench, []):
        by_run = {}
        for run in runs:
            if run["label"] in (numerator, denominator) and isinstance(run.get(key), (int, float)):
                by_run.setdefault(run.get("run"), {})[run["label"]] = run[key]
        paired = [r[numerator] / r[denominator] for r in by_run.values() if len(r) == 2 and r[denominator]]
        if paired:
            ratios[name + ", run by run"] = [round(r, 2) for r in paired]
            print(f"ratio {name}, run by run side by side: {' / '.join(f'{r:.2f}' for r in paired)}; "
                  f"median {statistics.median(paired):.2f}")
    if bench == "lstm":
        print_lstm_table(medians)
    results = {"bench": bench, "date": datetime.date.today().isoformat(), "runs": runs, "medians": medians,
               "ratios": ratios}
    with open(results_path, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")


def print_lstm_table(medians):
    """bench-lstm's cells (labels T-H-B): samples/s of each engine and fast's ratios to the others."""
    def ratio(top, bottom):
        return f"{top / bottom:.2f}" if top and bottom else "-"

    print(f"{'T':<6} {'H':<6} {'B':<6} {'stock':>12} {'fast':>12} {'pytorch':>12} {'fast/stock':>10} {'fast/torch':>10}")
    for label, cell in medians.items():
        t, h, b = label.split("-")
        stock, fast, peer = (cell.get(k + "_samples_per_s") for k in ("stock", "fast", "pytorch"))
        print(f"{t:<6} {h:<6} {b:<6} {format_value(stock):>12} {format_value(fast):>12} {format_value(peer):>12} "
              f"{ratio(fast, stock):>10} {ratio(fast, peer):>10}")


def plot(runs_path, svg_path, title):
    """Each label's runs (figures "size" and "seconds") as a line of measured points on log-log axes,
    with a dashed line of linear growth from its first point."""
    with open(runs_path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    points = {}
    for run in runs:
        if isinstance(run.get("size"), (int, float)) and isinstance(run.get("seconds"), (int, float)):
            points.setdefault(run["label"], []).append((run["size"], run["seconds"]))
    sizes = [p[0] for line in points.values() for p in line]
    seconds = [p[1] for line in points.values() for p in line]
    if not sizes:
        sys.exit("bench.py plot: no runs with size and seconds in " + runs_path)
    width, height, left, right, top, bottom = 680, 400, 70, 190, 40, 50
    decades = lambda values: (math.floor(math.log10(min(values))), math.ceil(math.log10(max(values))))
    (x0, x1), (y0, y1) = decades(sizes), decades(seconds)
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    x = lambda v: left + (math.log10(v) - x0) / (x1 - x0) * (width - left - right)
    y = lambda v: height - bottom - (math.log10(v) - y0) / (y1 - y0) * (height - top - bottom)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           f'font-size="12">', f'<text x="{left}" y="20" font-size="14">{title}</text>',
           f'<clipPath id="area"><rect x="{left}" y="{top}" width="{width - left - right}" '
           f'height="{height - top - bottom}"/></clipPath>']
    for d in range(x0, x1 + 1):
        out.append(f'<line x1="{x(10 ** d):.1f}" y1="{top}" x2="{x(10 ** d):.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x(10 ** d):.1f}" y="{height - bottom + 18}" text-anchor="middle">1e{d}</text>')
    for d in range(y0, y1 + 1):
        out.append(f'<line x1="{left}" y1="{y(10 ** d):.1f}" x2="{width - right}" y2="{y(10 ** d):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y(10 ** d) + 4:.1f}" text-anchor="end">{10 ** d:g} s</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 10}" text-anchor="middle">size (rows, '
               f'windows or series); dashed: linear growth</text>')
    for i, (label, line) in enumerate(points.items()):
        colour = colours[i % len(colours)]
        line = sorted(line)
        path = " ".join(f"{x(s):.1f},{y(t):.1f}" for s, t in line)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        if len(line) > 1:  # linear growth from the first point, dashed: a steeper line grows faster
            (s0, t0), s1 = line[0], line[-1][0]
            out.append(f'<line x1="{x(s0):.1f}" y1="{y(t0):.1f}" x2="{x(s1):.1f}" y2="{y(t0 * s1 / s0):.1f}" '
                       f'stroke="{colour}" stroke-dasharray="4 4" stroke-width="1" clip-path="url(#area)"/>')
        for s, t in line:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(t):.1f}" r="4" fill="{colour}"><title>{label}: {s:g} in '
                       f'{t:g} s</title></circle>')
        out.append(f'<text x="{width - right + 10}" y="{top + 20 + 18 * i}" fill="{colour}">{label}</text>')
    out.append("</svg>")
    with open(svg_path, "w") as f:
        f.write("\n".join(out) + "\n")


def rounds(event_log_path, summary_path=None):
    """From a Spark event log, the parameter-averaging rounds' anatomy, medians over the rounds:
    round_s (the round's Spark job, submission to completion), fit_s (its slowest task: the
    broadcast parameters fetched, the worker's batches fitted, its result serialised),
    collect_s (the job beyond its slowest task: scheduling, the tasks' results sent and
    aggregated), gap_s (from one round's end to the next one's start: the driver's average, its
    next broadcast and the trainer's loop) and tasks (per round)."""
    jobs, stage_jobs, task_ends = {}, {}, {}
    with open(event_log_path) as f:
        for line in f:
            event = json.loads(line)
            kind = event.get("Event")
            if kind == "SparkListenerJobStart":
                names = [stage.get("Stage Name", "") for stage in event.get("Stage Infos", [])]
                jobs[event["Job ID"]] = {"start": event["Submission Time"], "names": names}
                for stage in event.get("Stage IDs", []):
                    stage_jobs[stage] = event["Job ID"]
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in jobs:
                jobs[event["Job ID"]]["end"] = event["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                info = event["Task Info"]
                job = stage_jobs.get(event["Stage ID"])
                task_ends.setdefault(job, []).append(info["Finish Time"] - info["Launch Time"])
    # A round is a job of dl4j-spark's parameter averaging (its call sites name the master).
    round_jobs = sorted((job_id, job) for job_id, job in jobs.items()
                        if "end" in job and any("ParameterAveraging" in name for name in job["names"]))
    per_round = {"round_s": [], "fit_s": [], "collect_s": [], "gap_s": [], "tasks": []}
    previous_end = None
    for job_id, job in round_jobs:
        tasks = task_ends.get(job_id, [])
        duration = (job["end"] - job["start"]) / 1000
        slowest = max(tasks, default=0) / 1000
        per_round["round_s"].append(duration)
        per_round["fit_s"].append(slowest)
        per_round["collect_s"].append(duration - slowest)
        per_round["tasks"].append(len(tasks))
        if previous_end is not None:
            per_round["gap_s"].append((job["start"] - previous_end) / 1000)
        previous_end = job["end"]
    result = {"rounds": len(round_jobs)}
    if summary_path and round_jobs:
        # The batches each task fitted: every epoch's batches over its rounds and workers.
        model = load(load(summary_path)["paths"]["model"] + "/model.json")
        training = model["training"]
        batches = math.ceil(training["train_samples"] / int(model["config"]["training"]["batch_size"])) * len(
            training["loss_history"])
        result["batches_per_task"] = round(batches / sum(per_round["tasks"]), 1)
    for key, values in per_round.items():
        if values:
            result[key] = round(statistics.median(values), 4)
    return result


# The projection's assumptions (not measured here, where every worker shares one machine): a
# 10 Gbit/s network with the driver's link the bottleneck, and the driver launching tasks one
# after another at 2 ms each.
NETWORK_BYTES_PER_S = 1.25e9
TASK_LAUNCH_S = 0.002


def parameters(layers, inputs=1):
    """Parameters of bench-rounds' networks: LSTM layers (DL4J's LSTM: 4 gates of input, recurrent
    and bias weights) and a dense output of one unit."""
    count, previous = 0, inputs
    for units in (int(u) for u in str(layers).split(",")):
        count += 4 * (previous * units + units * units + units)
        previous = units
    return count + previous + 1


def cost_model(runs_path, model_path, batch=128):
    """bench-rounds' cost model. A round costs setup_s + n * batch_s (its slowest task: the
    broadcast parameters fetched, n batches fitted) + overhead_s (the rest of its Spark job and
    the gap to the next round: scheduling, results sent and aggregated, the driver's average and
    next broadcast). Per network, setup_s and batch_s are fitted on the 2-worker runs' lowest and
    highest averaging frequency, and checked on the others. Projected to W workers each with a
    core of its own: a batch as fast as the 1-worker run's (two workers here share two cores
    with the driver and run each batch slower), the measured 2-worker overhead, plus what grows
    with W: the driver launching W tasks (TASK_LAUNCH_S each) and the parameters, Adam's two
    moments with them (12 bytes a parameter), sent to and from the workers over the driver's
    link, either through a tree (Spark's treeAggregate and torrent broadcast: 2 sqrt(W) and
    log2(W) copies, optimistic) or each through the driver (2 W copies, pessimistic)."""
    with open(runs_path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    by_net = {}
    for run in runs:
        if all(isinstance(run.get(k), (int, float)) for k in ("batches_per_task", "fit_s", "round_s", "gap_s")):
            by_net.setdefault(str(run["layers"]), []).append(run)
    fitted, projection = {}, []
    print("seconds per round (its job and the gap after it), measured and modelled:")
    for layers, points in sorted(by_net.items()):
        two = sorted((r for r in points if r["workers"] == 2), key=lambda r: r["batches_per_task"])
        one = [r for r in points if r["workers"] == 1]
        if len(two) < 2 or not one:
            continue
        low, high = two[0], two[-1]
        batch_s = (high["fit_s"] - low["fit_s"]) / (high["batches_per_task"] - low["batches_per_task"])
        setup_s = max(0.0, low["fit_s"] - low["batches_per_task"] * batch_s)
        alone = statistics.mean((r["fit_s"] - setup_s) / r["batches_per_task"] for r in one)
        overhead = {1: statistics.mean(r["collect_s"] + r["gap_s"] for r in one),
                    2: statistics.mean(r["collect_s"] + r["gap_s"] for r in (low, high))}
        m = {"parameters": parameters(layers), "batch_s": batch_s, "batch_alone_s": alone, "setup_s": setup_s,
             "overhead_1_s": overhead[1], "overhead_2_s": overhead[2]}
        fitted[layers] = m
        print(f"  LSTM [{layers}], {m['parameters']:,} parameters: a batch {batch_s * 1000:.1f} ms with 2 workers, "
              f"{alone * 1000:.1f} ms alone; a task's setup {setup_s * 1000:.0f} ms; the round's overhead "
              f"{overhead[1] * 1000:.0f} ms with 1 worker, {overhead[2] * 1000:.0f} ms with 2")
        for r in sorted(points, key=lambda r: (r["workers"], r["batches_per_task"])):
            measured = r["round_s"] + r["gap_s"]
            per_batch = batch_s if r["workers"] == 2 else alone
            modelled = setup_s + r["batches_per_task"] * per_batch + overhead[r["workers"]]
            role = "fitted" if r is low or r is high or r["workers"] == 1 else "not fitted on"
            print(f"    {r['workers']} worker(s), {r['batches_per_task']:g} batches a task: measured {measured:.3f} s, "
                  f"model {modelled:.3f} s ({(modelled / measured - 1) * 100:+.0f}%, {role})")
    print(f"projection (a worker per core; a {NETWORK_BYTES_PER_S * 8 / 1e9:.0f} Gbit/s driver link, "
          f"{TASK_LAUNCH_S * 1000:.0f} ms to launch a task):")
    print(f"  {'network':<10} {'workers':>7} {'f':>4} {'samples/s, tree / driver':>26} {'efficiency':>14} "
          f"{'f for 80%':>10}")
    for layers, m in sorted(fitted.items()):
        copy_s = 12 * m["parameters"] / NETWORK_BYTES_PER_S
        for workers in (2, 8, 32, 128):
            grows = TASK_LAUNCH_S * (workers - 2)
            overheads = {
                "tree": m["overhead_2_s"] + grows + copy_s * max(0.0, 2 * math.sqrt(workers) + math.log2(workers)
                                                                  - 2 * math.sqrt(2) - 1),
                "driver": m["overhead_2_s"] + grows + copy_s * 2 * (workers - 2)}
            needed = {case: math.ceil(4 * (m["setup_s"] + o) / m["batch_alone_s"]) for case, o in overheads.items()}
            for f in (16, 64, 256):
                line = {"layers": layers, "workers": workers, "frequency": f, "frequency_for_80_percent": needed}
                for case, o in overheads.items():
                    seconds = m["setup_s"] + f * m["batch_alone_s"] + o
                    line[f"samples_per_s_{case}"] = round(workers * f * batch / seconds)
                    line[f"efficiency_{case}"] = round(f * m["batch_alone_s"] / seconds, 3)
                projection.append(line)
                print(f"  [{layers}]{'':<{8 - len(layers)}} {workers:>7} {f:>4} "
                      f"{line['samples_per_s_tree']:>12,} / {line['samples_per_s_driver']:<11,} "
                      f"{line['efficiency_tree']:>6.0%} / {line['efficiency_driver']:<5.0%} "
                      f"{needed['tree']:>4} / {needed['driver']:<4}")
    with open(model_path, "w") as f:
        json.dump({"assumptions": {"network_bytes_per_s": NETWORK_BYTES_PER_S, "task_launch_s": TASK_LAUNCH_S},
                   "fitted": fitted, "projection": projection}, f, indent=1)
        f.write("\n")


def median(values):
    if "-" in values or not values:
        return "-"
    return format_value(statistics.median(map(float, values)))


def get(results_path, label, key):
    value = load(results_path)["medians"].get(label, {}).get(key)
    return "-" if value is None else format_value(value)


def main(args):
    command, rest = args[0], args[1:]
    if command == "train-rates":
        print(figures(train_rates(*rest)))
    elif command == "prepare-run":
        print(figures(prepare_run(*rest)))
    elif command == "score-run":
        print(figures(score_run(*rest)))
    elif command == "scale-run":
        print(figures(scale_run(*rest)))
    elif command == "scale-pair":
        print(figures(scale_pair(*rest)))
    elif command == "busy-cores":
        print(format_value(busy_cores(*rest)))
    elif command == "record":
        record(rest[0], rest[1], rest[2:])
    elif command == "report":
        report(*rest)
    elif command == "median":
        print(median(rest))
    elif command == "get":
        print(get(*rest))
    elif command == "cost-model":
        cost_model(*rest)
    elif command == "rounds":
        print(figures(rounds(*rest)))
    elif command == "plot":
        plot(*rest)
    elif command == "job-seconds":
        print(", ".join(f"{load(p)['job']} {load(p)['seconds']:.1f} s" for p in rest))
    else:
        sys.exit(f"bench.py: unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
