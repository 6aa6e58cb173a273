package org.jlibos.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a hold step of the simulator's event queue spends its time on: the same workload and
 * batch as {@code EventQueueBenchmark.holdQuaternaryHeap} (the reference) on
 * {@link TimeOnlyQuaternaryHeap}, an otherwise identical heap whose sift loops compare times
 * only. The gap between the two is the cost of the two-key (time, seq) comparison. Run with
 * {@code -prof gc} to see that neither allocates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class EventQueueAnalysisBenchmark {

    public static final int BATCH = EventQueueBenchmark.BATCH;

    @Param({"1000", "100000"})
    public int pending;

    private long[] delays;
    private int delayIndex;
    private TimeOnlyQuaternaryHeap heap;

    @Setup
    public void setup() {
        delays = Delays.exponential(EventQueueBenchmark.SEED);
        heap = new TimeOnlyQuaternaryHeap();
        for (int i = 0; i < pending; i++) {
            heap.add(new BenchEvent(), delays[delayIndex++ & Delays.MASK]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long holdTimeOnlyHeap() {
        TimeOnlyQuaternaryHeap q = heap;
        long[] d = delays;
        int idx = delayIndex;
        for (int i = 0; i < BATCH; i++) {
            long now = q.peekTime();
            BenchEvent e = q.poll();
            q.add(e, now + d[idx++ & Delays.MASK]);
        }
        delayIndex = idx;
        return q.peekTime();
    }
}
