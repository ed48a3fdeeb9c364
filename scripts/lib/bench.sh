# The benchmark scripts' shared steps (sourced). A script calls bench_start NAME first: it then
# runs from the repository root ($root) and keeps its figures in $work (BENCH_DIR, default
# out/bench-NAME): one JSON line per run in $work/runs.jsonl, the medians and ratios in
# $work/results.json (bench_report), built by scripts/lib/bench.py.

bench_start() {  # bench_start <name>
  bench_name=$1
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cd "$root"
  work=${BENCH_DIR:-$root/out/bench-$bench_name}
  mkdir -p "$work"
  : > "$work/runs.jsonl"
}

bench_py() {  # bench_py <command> <arguments...>: see scripts/lib/bench.py
  python3 "$root/scripts/lib/bench.py" "$@"
}

quiet() {  # quiet <log> <command...>: run, keep the output in the log, show its end on failure
  local log=$1
  shift
  "$@" > "$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }
}

timed() {  # timed <log> <command...>: quiet, and "<wall seconds> <peak RSS KB>" of the command in $work/time
  local log=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }
}

record() {  # record <label> <run> <key=value figures...>: prints the run and keeps it in runs.jsonl
  local label=$1 run=$2
  shift 2
  echo "$label run $run: $*"
  bench_py record "$work/runs.jsonl" "$label" "run=$run" "$@"
}

bench_report() {  # prints the medians and ratios of the recorded runs; writes $work/results.json
  bench_py report "$bench_name" "$work/runs.jsonl" "$work/results.json"
  echo "figures in $work/results.json" >&2
}
