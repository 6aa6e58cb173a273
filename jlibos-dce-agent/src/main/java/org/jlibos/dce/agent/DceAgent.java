package org.jlibos.dce.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jlibos.dce.boot.DceHooks;

/**
 * Premain of the DCE agent: opens the JDK internals the simulation needs, turns off the JDK's
 * global name cache, installs {@link DceTransformer} and retransforms the already-loaded
 * classes that read the clock (java.lang.Thread among them).
 *
 * <p>The whole jar is on the boot class path, so this class, the transformer and the hooks are
 * all defined by the boot loader and visible from every class they rewrite.
 */
public final class DceAgent {

    /** Set to print one summary line (premain time, retransformed classes) to System.err. */
    public static final String VERBOSE_PROPERTY = "jlibos.dce.agent.verbose";

    private static volatile DceTransformer transformer;
    private static volatile long premainNanos = -1;
    private static volatile List<String> retransformedClasses = List.of();
    private static volatile int loadedClassesAtPremain;

    private DceAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        if (transformer != null) {
            return; // loaded twice (premain and agentmain): one transformer is enough
        }
        long start = System.nanoTime(); // the agent's own classes are never rewritten: real time
        openJdkInternals(inst);
        // Simulated hosts resolve names per node: the JDK's process-wide cache must not keep answers.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");

        warmUpClassFileApi();
        DceTransformer t = new DceTransformer();
        inst.addTransformer(t, true);
        transformer = t;
        retransformLoadedClasses(inst);
        DceHooks.markAgentActive();
        premainNanos = System.nanoTime() - start;
        if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
            System.err.printf("jlibos-dce-agent: premain %.1f ms, retransformed %d of %d loaded classes%n",
                    premainNanos / 1e6, retransformedClasses.size(), loadedClassesAtPremain);
        }
    }

    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }

    /** Real time premain took, in nanoseconds; -1 before premain ran. */
    public static long premainNanos() {
        return premainNanos;
    }

    /** Internal names of the classes premain retransformed, in retransformation order. */
    public static List<String> retransformedClasses() {
        return retransformedClasses;
    }

    /** How many classes were loaded when premain scanned them. */
    public static int loadedClassesAtPremain() {
        return loadedClassesAtPremain;
    }

    /** Classes rewritten so far, at load time or by retransformation; 0 without the agent. */
    public static int rewrittenClasses() {
        DceTransformer t = transformer;
        return t == null ? 0 : t.rewrittenClasses();
    }

    private static void openJdkInternals(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        Module hooks = DceHooks.class.getModule();
        Module application = ClassLoader.getSystemClassLoader().getUnnamedModule();
        Set<Module> toHooks = Set.of(hooks);
        Set<Module> toApplication = Set.of(application);
        inst.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.misc", toHooks,
                        "jdk.internal.access", toHooks,
                        "sun.nio.ch", toApplication,
                        "sun.net.util", toApplication),
                Map.of("java.lang", toApplication,
                        "java.net", toApplication,
                        "java.nio.channels.spi", toApplication,
                        "sun.nio.ch", toApplication,
                        "java.util.concurrent", toApplication),
                Set.of(), Map.of());
    }

    /**
     * Runs one full rewrite before the transformer is installed, so the class-file API classes
     * are loaded by then and never loaded (and offered to the transformer) in the middle of a
     * transformation.
     */
    private static void warmUpClassFileApi() {
        byte[] thread = classBytes(Thread.class);
        if (thread != null) {
            try {
                ClassRewriter.rewrite("java/lang/Thread", thread, true, null);
            } catch (Throwable e) {
                System.err.println("jlibos-dce-agent: cannot transform java/lang/Thread: " + e);
            }
        }
    }

    private static void retransformLoadedClasses(Instrumentation inst) {
        Class<?>[] loaded = inst.getAllLoadedClasses();
        loadedClassesAtPremain = loaded.length;
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : loaded) {
            if (c.isArray() || c.isPrimitive() || c.isHidden() || !inst.isModifiableClass(c)) {
                continue;
            }
            String name = c.getName().replace('.', '/');
            if (!DceTransformer.isEligible(name)) {
                continue;
            }
            byte[] bytes = classBytes(c);
            // Without the bytes we cannot pre-check: retransform and let the transformer decide.
            if (bytes == null || ClassRewriter.mayNeedRewrite(name, bytes,
                    DceTransformer.isProgramLoader(c.getClassLoader()))) {
                candidates.add(c);
            }
        }
        List<String> names = new ArrayList<>();
        try {
            inst.retransformClasses(candidates.toArray(new Class<?>[0]));
            for (Class<?> c : candidates) {
                names.add(c.getName().replace('.', '/'));
            }
        } catch (Throwable batchFailure) {
            // All-or-nothing per call: retry one by one so one bad class does not cost the others.
            for (Class<?> c : candidates) {
                try {
                    inst.retransformClasses(c);
                    names.add(c.getName().replace('.', '/'));
                } catch (Throwable e) {
                    System.err.println("jlibos-dce-agent: cannot retransform " + c.getName() + ": " + e);
                }
            }
        }
        retransformedClasses = List.copyOf(names);
    }

    private static byte[] classBytes(Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        ClassLoader loader = c.getClassLoader();
        try (InputStream in = c.getModule().isNamed()
                ? c.getModule().getResourceAsStream(resource)
                : loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
