package org.jlibos.dce.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import org.jlibos.dce.boot.SimulatedProgramLoader;

/**
 * The agent's transformer: decides which classes are rewritten and with which rewrites, and
 * never lets a failure break a class load.
 */
public final class DceTransformer implements ClassFileTransformer {

    private final AtomicInteger rewrittenClasses = new AtomicInteger();

    /**
     * Whether the class may be rewritten at all. {@code java.lang.System} is the real clock,
     * the agent's own packages must keep calling it, and the simulator measures real time.
     * A class a simulated process's loader defines is a program class whatever its package
     * (jlibos's example programs live under org/jlibos too).
     */
    public static boolean isEligible(String className, boolean programClass) {
        if (className == null || className.equals("java/lang/System")
                || className.startsWith("org/jlibos/dce/boot/") || className.startsWith("org/jlibos/dce/agent/")) {
            return false;
        }
        // Test programs stand for user programs even when a test loads them directly.
        return programClass || !className.startsWith("org/jlibos/") || className.startsWith("org/jlibos/dce/testprograms/");
    }

    /** {@link #isEligible(String, boolean)} for a class of the JDK or the application loader. */
    public static boolean isEligible(String className) {
        return isEligible(className, false);
    }

    /** Program classes are those defined by the class loader of a simulated process. */
    public static boolean isProgramLoader(ClassLoader loader) {
        return loader instanceof SimulatedProgramLoader;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            boolean program = isProgramLoader(loader);
            if (!isEligible(className, program)) {
                return null;
            }
            if (!ClassRewriter.mayNeedRewrite(className, classfileBuffer, program)) {
                return null;
            }
            byte[] rewritten = ClassRewriter.rewrite(className, classfileBuffer, program, loader);
            if (rewritten != null) {
                rewrittenClasses.incrementAndGet();
            }
            return rewritten;
        } catch (Throwable t) {
            System.err.println("jlibos-dce-agent: cannot transform " + className + ", loaded unchanged: " + t);
            return null;
        }
    }

    /** Classes this transformer has rewritten so far (load-time and retransformation). */
    public int rewrittenClasses() {
        return rewrittenClasses.get();
    }
}
