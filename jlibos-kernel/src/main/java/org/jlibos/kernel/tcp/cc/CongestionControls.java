package org.jlibos.kernel.tcp.cc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The congestion control modules TCP can use, by name ({@code tcp_register_congestion_control}).
 * {@code reno} and {@code cubic} are built in; more can be registered at start-up.
 */
public final class CongestionControls {

    private static final Map<String, Supplier<CongestionControl>> MODULES = new LinkedHashMap<>();

    static {
        register("reno", Reno::new);
        register("cubic", Cubic::new);
    }

    private CongestionControls() {
    }

    /** Registers (or replaces) the module called {@code name}. */
    public static synchronized void register(String name, Supplier<CongestionControl> factory) {
        MODULES.put(name, factory);
    }

    /** A new instance of module {@code name}, or null when no such module exists. */
    public static synchronized CongestionControl create(String name) {
        Supplier<CongestionControl> f = MODULES.get(name);
        return f == null ? null : f.get();
    }

    /** Registered names in registration order ({@code tcp_available_congestion_control}). */
    public static synchronized List<String> names() {
        return new ArrayList<>(MODULES.keySet());
    }
}
