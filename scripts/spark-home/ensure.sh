# Sourced by scripts/spark-cluster and scripts/spark-submit: sets spark_home to a Spark
# installation made of the Maven-resolved jars (jobs/target/spark-home), building it if missing.
spark_home="$root/jobs/target/spark-home"
ensure_spark_home() {
  if [ ! -f "$root/jobs/target/forecast.jar" ]; then
    echo "building the application jar (mvn package)..." >&2
    (cd "$root" && mvn -q -B -DskipTests package) >&2
  fi
  if [ ! -d "$spark_home/jars" ]; then
    echo "collecting the Spark jars (mvn -f scripts/spark-home/pom.xml package)..." >&2
    (cd "$root" && mvn -q -B -f scripts/spark-home/pom.xml package) >&2
  fi
  # Spark's launcher takes a directory with a RELEASE file for an installation (jars in jars/).
  [ -f "$spark_home/RELEASE" ] || echo "Spark (Maven-resolved jars of the forecast build)" > "$spark_home/RELEASE"
}
