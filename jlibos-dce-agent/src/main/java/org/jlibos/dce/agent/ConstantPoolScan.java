package org.jlibos.dce.agent;

import java.nio.charset.StandardCharsets;

/**
 * Decides from the constant pool alone whether a class references any redirected method, so
 * the agent parses and rebuilds only the few classes that need it (most of the JDK does not
 * read the clock).
 */
final class ConstantPoolScan {

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private ConstantPoolScan() {
    }

    /** True when some Methodref of {@code bytes} names a target (program targets only when asked). */
    static boolean referencesTargets(byte[] bytes, boolean programClass) {
        if (bytes.length < 10 || u4(bytes, 0) != 0xCAFEBABE) {
            return false;
        }
        int count = u2(bytes, 8);
        int[] offsets = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = p;
            int tag = bytes[p] & 0xff;
            switch (tag) {
                case UTF8 -> p += 3 + u2(bytes, p + 1);
                case INTEGER, FLOAT, FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC,
                     INVOKE_DYNAMIC -> p += 5;
                case LONG, DOUBLE -> {
                    p += 9;
                    i++;
                }
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> p += 3;
                case METHOD_HANDLE -> p += 4;
                default -> {
                    return true; // unknown tag: let the real parser decide (and report)
                }
            }
        }
        for (int i = 1; i < count; i++) {
            int at = offsets[i];
            if (at == 0 || (bytes[at] & 0xff) != METHODREF) {
                continue;
            }
            int nameAndType = offsets[u2(bytes, at + 3)];
            String name = utf8(bytes, offsets[u2(bytes, nameAndType + 1)]);
            if (!isCandidateName(name, programClass)) {
                continue;
            }
            String owner = utf8(bytes, offsets[u2(bytes, offsets[u2(bytes, at + 1)] + 1)]);
            String descriptor = utf8(bytes, offsets[u2(bytes, nameAndType + 3)]);
            if (CallSiteTargets.lookup(owner + '.' + name + descriptor, programClass) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCandidateName(String name, boolean programClass) {
        return switch (name) {
            case "nanoTime", "currentTimeMillis", "getNanoTimeAdjustment" -> true;
            case "exit", "halt", "random", "<init>", "getInstance", "getInstanceStrong", "current",
                 "randomUUID", "getLocalHost", "getProperty", "getProperties", "setProperty", "clearProperty",
                 "getenv", "getInteger", "getLong", "getBoolean", "addShutdownHook", "removeShutdownHook",
                 "nextInt", "nextLong", "nextDouble", "nextFloat", "nextBoolean", "nextGaussian", "nextBytes", "currentThread",
                 "setOut", "setErr", "setIn", "setDefaultUncaughtExceptionHandler", "getDefaultUncaughtExceptionHandler" -> programClass;
            default -> false;
        };
    }

    private static String utf8(byte[] b, int at) {
        // Target names are ASCII, so a byte-per-char decoding compares correctly with them.
        return new String(b, at + 3, u2(b, at + 1), StandardCharsets.ISO_8859_1);
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
