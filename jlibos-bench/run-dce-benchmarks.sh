#!/usr/bin/env bash
# Builds and runs the DCE benchmarks (JVM programs on simulated hosts) with the JVM settings DCE
# needs (the same as the jlibos command's; see DceJvm.jvmArguments).
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
    -XX:+UnlockExperimentalVMOptions -XX:hashCode=2 -Djdk.trackAllThreads=false \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED \
    -javaagent:jlibos-dce-agent/target/jlibos-dce-agent.jar \
    -Djava.nio.channels.spi.SelectorProvider=org.jlibos.dce.nio.SimSelectorProvider \
    -Djava.nio.channels.spi.AsynchronousChannelProvider=org.jlibos.dce.nio.SimAsynchronousChannelProvider \
    -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 \
    -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0 \
    ${BENCH_JAVA_OPTS:-} \
    -cp jlibos-bench/target/benchmarks.jar "org.jlibos.bench.dce.$main" "$@"
