#!/usr/bin/env bash
# Builds and runs the DCE benchmarks (JVM programs on simulated hosts) with the JVM settings DCE
# needs (scripts/dce-jvm.args and the agent, as the jlibos command passes them).
#
#   jlibos-bench/run-dce-benchmarks.sh DceHttp [requests=1000] [runs=5]
#   jlibos-bench/run-dce-benchmarks.sh DceProcessMemory [processes=50] [http|echo]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=../scripts/find-jdk25.sh
. scripts/find-jdk25.sh
jlibos_find_jdk25
./mvnw -q -B -pl jlibos-bench,jlibos-dce-programs -am package -DskipTests
main="$1"
shift
exec "$JAVA_HOME/bin/java" \
    @scripts/dce-jvm.args \
    -javaagent:jlibos-dce-agent/target/jlibos-dce-agent.jar \
    ${BENCH_JAVA_OPTS:-} \
    -cp jlibos-bench/target/benchmarks.jar "org.jlibos.bench.dce.$main" "$@"
