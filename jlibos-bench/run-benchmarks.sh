#!/usr/bin/env bash
# Builds the JMH uber-jar and runs the jlibos micro-benchmarks.
#
#   jlibos-bench/run-benchmarks.sh                      # the whole suite (a few minutes on 2 cores)
#   jlibos-bench/run-benchmarks.sh EventQueueBenchmark  # JMH arguments pass through: a regex,
#   jlibos-bench/run-benchmarks.sh -prof gc ThreadSwitch  # profilers, -p pending=1000, -rf json, ...
#
# JDK: $JAVA_HOME if its `java -version` says 25, else the first /usr/lib/jvm/*25* that is a JDK 25.
set -euo pipefail

is_jdk25() {
    [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -Eq 'version "25([."]|$)'
}

if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/*25*; do
        if [ -d "$candidate" ] && is_jdk25 "$candidate"; then
            JAVA_HOME="$candidate"
            break
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "run-benchmarks.sh: no JDK 25 found (set JAVA_HOME to one, or install it under /usr/lib/jvm)" >&2
        exit 2
    fi
fi
export JAVA_HOME

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

./mvnw -q -pl jlibos-bench -am package -DskipTests
exec "$JAVA_HOME/bin/java" -jar jlibos-bench/target/benchmarks.jar "$@"
