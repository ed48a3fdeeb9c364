# Sourced by the scripts that run common's test-scope classes in one JVM (benchmarks, profiles).
# Needs to run in the repository root.

# common_test_dependencies: compiles common and its tests, then prints common's test-scope
# dependency classpath (the Maven output goes to stderr, so the result can be captured).
common_test_dependencies() {
  local file
  mvn -q -B -pl common test-compile >&2
  file=$(mktemp)
  mvn -q -B -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file" >&2
  cat "$file"
  rm -f "$file"
}
