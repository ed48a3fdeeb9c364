# Sourced by the launchers: conf/spark-defaults.conf is the one place for Spark and JVM settings
# (the Maven test JVMs and the Airflow command builder read it too). Needs $root.
spark_defaults_file="$root/conf/spark-defaults.conf"

# spark_default <key>: the value of <key> in the file (empty when absent).
spark_default() {
  awk -v key="$1" '$1 == key { sub(/^[^[:space:]]+[[:space:]]+/, ""); print; exit }' "$spark_defaults_file"
}

# spark_system_properties: every setting as a -D<key>=<value> argument, one per line. Spark reads
# spark.* system properties as configuration, so an embedded session gets the file's settings.
spark_system_properties() {
  awk '!/^[[:space:]]*(#|$)/ { key = $1; sub(/^[^[:space:]]+[[:space:]]+/, ""); print "-D" key "=" $0 }' \
    "$spark_defaults_file"
}
