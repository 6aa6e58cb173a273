package org.jlibos.sim.process;

import java.util.Collections;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/** Programs by name, sorted so listings and lookups never depend on discovery order. */
public final class ProgramRegistry {

    private final TreeMap<String, Program> programs = new TreeMap<>();

    /** A registry holding every program of every {@link ProgramProvider} on the class path. */
    public static ProgramRegistry discover() {
        ProgramRegistry registry = new ProgramRegistry();
        for (ProgramProvider provider : ServiceLoader.load(ProgramProvider.class, ProgramRegistry.class.getClassLoader())) {
            provider.install(registry);
        }
        return registry;
    }

    public ProgramRegistry register(String name, Program program) {
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad program name '" + name + "'");
        }
        programs.put(name, program);
        return this;
    }

    /** The program called {@code name}, or null. */
    public Program lookup(String name) {
        return programs.get(name);
    }

    public boolean contains(String name) {
        return programs.containsKey(name);
    }

    public SortedMap<String, Program> all() {
        return Collections.unmodifiableSortedMap(programs);
    }
}
