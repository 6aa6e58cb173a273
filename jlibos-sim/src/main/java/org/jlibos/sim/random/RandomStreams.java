package org.jlibos.sim.random;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Named random streams derived from the scenario's root seed.
 *
 * <p>A stream's seed depends only on the root seed and the stream's name
 * ({@code seed ⊕ hash(name)}, DESIGN.md), so adding a component, a node or a link never shifts
 * the randomness another one sees. Streams are L64X128MixRandom generators (JEP 356), whose
 * output for a given seed is fixed by specification, so runs agree across JDK builds.
 */
public final class RandomStreams {

    /** The generator algorithm; part of the determinism contract, so never changed lightly. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(ALGORITHM);

    private final long rootSeed;

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    public long rootSeed() {
        return rootSeed;
    }

    /** A new generator for stream {@code name}; the same name always gives the same sequence. */
    public RandomGenerator stream(String name) {
        return FACTORY.create(seedFor(name));
    }

    /** The 64-bit seed of stream {@code name}. */
    public long seedFor(String name) {
        return mix64(rootSeed ^ hash64(name));
    }

    /** FNV-1a over the UTF-8 bytes, finished with a strong mixer so similar names differ widely. */
    static long hash64(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** A generator of this class's algorithm started from {@code seed} (not a named stream). */
    public static RandomGenerator generator(long seed) {
        return FACTORY.create(seed);
    }

    /** The SplitMix64 finalizer (Stafford's variant 13). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
