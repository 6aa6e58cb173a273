package org.jlibos.dce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jlibos.dce.boot.DceBridge;
import org.jlibos.dce.boot.DceHooks;
import org.jlibos.dce.boot.SimulatedProgramLoader;
import org.jlibos.dce.testprograms.CallSiteSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transformer on javac-compiled sample classes, without Instrumentation: rewritten copies
 * are defined in a test loader and run against a bridge with fixed answers.
 */
class ClassRewriterTest {

    static final long SEED = 0x1234_5678_9ABC_DEF1L;
    static final String SAMPLES = CallSiteSamples.class.getName();
    static final String HOOKS = "org/jlibos/dce/boot/DceHooks";

    /** A SecureRandom whose output is the byte index, so derived values are known exactly. */
    static final class CountingSecureRandom extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    }

    static final class SimulatedExit extends RuntimeException {
        final int status;

        SimulatedExit(int status) {
            super("exit " + status);
            this.status = status;
        }
    }

    static final class FixedBridge extends DceBridge {
        final SecureRandom secureRandom = new CountingSecureRandom();
        final List<Integer> exits = new ArrayList<>();
        int threadLocalRandomSeedings;

        @Override
        public long nanoTime() {
            return 42;
        }

        @Override
        public long currentTimeMillis() {
            return 1234;
        }

        @Override
        public long nanoTimeAdjustment(long offsetInSeconds) {
            return 777;
        }

        @Override
        public boolean startThread(Thread thread) {
            return false;
        }

        @Override
        public Thread proxyOf(Thread thread) {
            return null;
        }

        @Override
        public boolean exit(int status) {
            exits.add(status);
            throw new SimulatedExit(status);
        }

        @Override
        public long randomSeed() {
            return SEED;
        }

        @Override
        public SecureRandom secureRandom() {
            return secureRandom;
        }

        @Override
        public void seedThreadLocalRandom() {
            threadLocalRandomSeedings++;
        }

        @Override
        public InetAddress localHost() throws UnknownHostException {
            return InetAddress.getByAddress("node-1", new byte[] {10, 0, 0, 1});
        }
    }

    /** Defines the sample classes itself (rewritten by the transformer), delegates the rest. */
    static class RewritingLoader extends ClassLoader {
        final DceTransformer transformer = new DceTransformer();

        RewritingLoader() {
            super(ClassRewriterTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SAMPLES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] original = bytesOf(name);
                    byte[] rewritten = transformer.transform(this, name.replace('.', '/'), null, null, original);
                    byte[] bytes = rewritten == null ? original : rewritten;
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }

    static final class ProgramLoader extends RewritingLoader implements SimulatedProgramLoader {
    }

    @AfterEach
    void uninstallBridge() {
        DceHooks.install(null);
    }

    @Test
    void clockReadsGoToTheBridgeInEveryClass() throws Throwable {
        DceHooks.install(new FixedBridge());
        for (RewritingLoader loader : List.of(new ProgramLoader(), new RewritingLoader())) {
            Class<?> samples = loader.loadClass(SAMPLES);
            assertEquals(42L, call(samples, "nanoTime"));
            assertEquals(1234L, call(samples, "currentTimeMillis"));
        }
    }

    @Test
    void methodReferencesToRedirectedMethodsGoToTheHooks() throws Throwable {
        FixedBridge bridge = new FixedBridge();
        DceHooks.install(bridge);
        Class<?> samples = new ProgramLoader().loadClass(SAMPLES);
        assertEquals(42L, ((LongSupplier) call(samples, "clockReference")).getAsLong());
        assertSame(bridge.secureRandom, ((Supplier<?>) call(samples, "secureRandomReference")).get());
        IntConsumer exit = (IntConsumer) call(samples, "exitReference");
        assertEquals(6, assertThrows(SimulatedExit.class, () -> exit.accept(6)).status);

        Class<?> notProgram = new RewritingLoader().loadClass(SAMPLES);
        assertEquals(42L, ((LongSupplier) call(notProgram, "clockReference")).getAsLong());
        assertFalse(((Supplier<?>) call(notProgram, "secureRandomReference")).get() instanceof CountingSecureRandom);
    }

    @Test
    void exitCallsReachTheBridgeWithTheStatus() throws Throwable {
        FixedBridge bridge = new FixedBridge();
        DceHooks.install(bridge);
        Class<?> samples = new ProgramLoader().loadClass(SAMPLES);
        assertEquals(3, assertThrows(SimulatedExit.class, () -> call(samples, "systemExit", 3)).status);
        assertEquals(4, assertThrows(SimulatedExit.class, () -> call(samples, "runtimeExit", 4)).status);
        assertEquals(5, assertThrows(SimulatedExit.class, () -> call(samples, "runtimeHalt", 5)).status);
        assertEquals(List.of(3, 4, 5), bridge.exits);
    }

    @Test
    void randomnessComesFromTheBridge() throws Throwable {
        FixedBridge bridge = new FixedBridge();
        DceHooks.install(bridge);
        Class<?> samples = new ProgramLoader().loadClass(SAMPLES);
        int expectedFirstInt = new Random(SEED).nextInt();
        assertEquals(expectedFirstInt, call(samples, "newRandomFirstInt"));
        assertEquals(expectedFirstInt, call(samples, "newRandomFirstIntInLoop", 3));
        assertEquals(expectedFirstInt, call(samples, "subclassFirstInt"));
        double expectedDouble = (SEED >>> 11) * 0x1.0p-53;
        assertEquals(expectedDouble, call(samples, "mathRandom"));
        assertEquals(expectedDouble, call(samples, "strictMathRandom"));
        assertSame(bridge.secureRandom, call(samples, "newSecureRandom"));
        assertSame(bridge.secureRandom, call(samples, "secureRandomGetInstance"));
        assertSame(bridge.secureRandom, call(samples, "secureRandomGetInstanceStrong"));
        assertEquals(UUID.fromString("00010203-0405-4607-8809-0a0b0c0d0e0f"), call(samples, "randomUUID"));
        assertSame(ThreadLocalRandom.current(), call(samples, "threadLocalRandom"));
        assertEquals(1, bridge.threadLocalRandomSeedings);
        assertEquals(InetAddress.getByAddress("node-1", new byte[] {10, 0, 0, 1}), call(samples, "localHost"));
    }

    @Test
    void nestedSecureRandomConstructionsLoseTheirNewAndDup() throws Throwable {
        FixedBridge bridge = new FixedBridge();
        DceHooks.install(bridge);
        Class<?> samples = new ProgramLoader().loadClass(SAMPLES);
        CallSiteSamples.Holder nested = holder(call(samples, "nested"));
        assertSame(bridge.secureRandom, nested.a());
        assertSame(bridge.secureRandom, nested.b());
        CallSiteSamples.Holder branched = holder(call(samples, "nestedWithBranch", true));
        assertSame(bridge.secureRandom, branched.a());
        assertSame(bridge.secureRandom, branched.b());
        assertNull(holder(call(samples, "nestedWithBranch", false)).a());

        ClassModel rewritten = ClassFile.of().parse(rewrite(CallSiteSamples.class, true));
        for (String method : List.of("nested", "nestedWithBranch", "newSecureRandom")) {
            List<Instruction> code = instructions(rewritten, method);
            assertTrue(code.stream().noneMatch(i -> i instanceof NewObjectInstruction n
                    && n.className().asInternalName().equals("java/security/SecureRandom")), method);
            assertEquals(List.of("newSecureRandom"), hookCalls(code).stream()
                    .filter(n -> n.equals("newSecureRandom")).distinct().toList(), method);
        }
        assertEquals(2, hookCalls(instructions(rewritten, "nested")).size());
        // Holder's own NEW/DUP pairs stay.
        assertEquals(2, instructions(rewritten, "nestedWithBranch").stream()
                .filter(i -> i.opcode() == Opcode.NEW).count());
        assertTrue(ClassFile.of().verify(rewritten).isEmpty(), () -> ClassFile.of().verify(rewritten).toString());
    }

    @Test
    void programRewritesStayOutOfClassesOfOtherLoaders() throws Throwable {
        DceHooks.install(new FixedBridge());
        Class<?> samples = new RewritingLoader().loadClass(SAMPLES);
        assertNotEquals(new Random(SEED).nextInt(), call(samples, "newRandomFirstInt")); // fails 1 in 2^32
        SecureRandom real = (SecureRandom) call(samples, "newSecureRandom");
        assertFalse(real instanceof CountingSecureRandom);
        double random = (double) call(samples, "mathRandom");
        assertTrue(random >= 0 && random < 1 && random != (SEED >>> 11) * 0x1.0p-53);

        ClassModel rewritten = ClassFile.of().parse(rewrite(CallSiteSamples.class, false));
        List<String> hooks = new ArrayList<>();
        for (MethodModel method : rewritten.methods()) {
            hooks.addAll(hookCalls(instructions(rewritten, method.methodName().stringValue())));
        }
        assertEquals(List.of("nanoTime", "currentTimeMillis"), hooks);
    }

    @Test
    void withoutBridgeEveryHookBehavesLikeTheJdk() throws Throwable {
        Class<?> samples = new ProgramLoader().loadClass(SAMPLES);
        long before = System.nanoTime();
        long nanos = (long) call(samples, "nanoTime");
        long after = System.nanoTime();
        assertTrue(before <= nanos && nanos <= after);
        long beforeMillis = System.currentTimeMillis();
        long millis = (long) call(samples, "currentTimeMillis");
        assertTrue(beforeMillis <= millis && millis <= System.currentTimeMillis());
        double random = (double) call(samples, "mathRandom");
        assertTrue(random >= 0 && random < 1);
        CallSiteSamples.Holder nested = holder(call(samples, "nested"));
        assertNotSame(nested.a(), nested.b());
        assertFalse(nested.a() instanceof CountingSecureRandom);
        assertEquals(4, ((UUID) call(samples, "randomUUID")).version());
        assertEquals(InetAddress.getLocalHost(), call(samples, "localHost"));
        assertSame(ThreadLocalRandom.current(), call(samples, "threadLocalRandom"));
        assertEquals("SHA1PRNG", ((SecureRandom) call(samples, "secureRandomGetInstance")).getAlgorithm());
    }

    @Test
    void classesWithoutTargetsAndExcludedClassesAreLeftAlone() throws Throwable {
        DceTransformer transformer = new DceTransformer();
        byte[] hooks = bytesOf(DceHooks.class.getName());
        assertNull(transformer.transform(null, HOOKS, null, null, hooks));
        assertNull(transformer.transform(null, "java/lang/System", null, null, bytesOf("java.lang.System")));
        assertNull(transformer.transform(null, "org/jlibos/sim/Anything", null, null, bytesOf(SAMPLES)));
        assertNotNull(transformer.transform(null, "org/jlibos/dce/testprograms/CallSiteSamples", null, null,
                bytesOf(SAMPLES)));
        byte[] noTargets = bytesOf(CallSiteSamples.Holder.class.getName());
        assertFalse(ClassRewriter.mayNeedRewrite("x/Holder", noTargets, true));
        assertNull(ClassRewriter.rewrite("x/Holder", noTargets, true, null));
        assertEquals(1, transformer.rewrittenClasses());
    }

    @Test
    void newWithoutDupIsLeftAlone() throws Throwable {
        ClassDesc owner = ClassDesc.of("org.jlibos.dce.testprograms.NoDup");
        ClassDesc secureRandom = ClassDesc.of("java.security.SecureRandom");
        byte[] bytes = ClassFile.of().build(owner, cb -> cb
                .withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL)
                .withMethodBody("run", MethodTypeDesc.of(ConstantDescs.CD_long), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        cob -> cob.new_(secureRandom)
                                .invokespecial(secureRandom, "<init>", ConstantDescs.MTD_void)
                                .invokestatic(ClassDesc.of("java.lang.System"), "nanoTime",
                                        MethodTypeDesc.of(ConstantDescs.CD_long))
                                .lreturn()));
        byte[] rewritten = ClassRewriter.rewrite("org/jlibos/dce/testprograms/NoDup", bytes, true, null);
        List<Instruction> code = instructions(ClassFile.of().parse(rewritten), "run");
        assertEquals(List.of(Opcode.NEW, Opcode.INVOKESPECIAL, Opcode.INVOKESTATIC, Opcode.LRETURN),
                code.stream().map(Instruction::opcode).toList());
        assertEquals(List.of("nanoTime"), hookCalls(code));
        DceHooks.install(new FixedBridge());
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("org.jlibos.dce.testprograms.NoDup", rewritten, 0, rewritten.length);
            }
        }.define();
        assertEquals(42L, c.getMethod("run").invoke(null));
    }

    @Test
    void threadProloguesAreInsertedAndVerify() throws Throwable {
        byte[] rewritten = rewrite(Thread.class, false);
        ClassModel thread = ClassFile.of().parse(rewritten);
        assertTrue(ClassFile.of().verify(thread).isEmpty(), () -> ClassFile.of().verify(thread).toString());

        List<Instruction> start = instructions(thread, "start", "()V");
        assertEquals(List.of(Opcode.ALOAD_0, Opcode.INVOKESTATIC, Opcode.IFEQ, Opcode.RETURN),
                start.subList(0, 4).stream().map(Instruction::opcode).toList());
        assertEquals("start", ((InvokeInstruction) start.get(1)).name().stringValue());

        for (String[] m : new String[][] {{"isAlive", "()Z"}, {"interrupt", "()V"}, {"isInterrupted", "()Z"},
                {"getState", "()Ljava/lang/Thread$State;"}, {"join", "()V"}, {"join", "(J)V"}, {"join", "(JI)V"},
                {"join", "(Ljava/time/Duration;)Z"}}) {
            List<Instruction> code = instructions(thread, m[0], m[1]);
            InvokeInstruction proxy = (InvokeInstruction) code.get(1);
            assertEquals(HOOKS + ".proxy", proxy.owner().asInternalName() + "." + proxy.name().stringValue(),
                    m[0] + m[1]);
            InvokeInstruction delegated = code.stream().skip(2).filter(i -> i instanceof InvokeInstruction)
                    .map(i -> (InvokeInstruction) i).findFirst().orElseThrow();
            assertEquals(m[0] + m[1], delegated.name().stringValue() + delegated.type().stringValue());
            assertEquals(Opcode.INVOKEVIRTUAL, delegated.opcode());
        }
        // join(long) of a platform thread computes its deadline from the hooked clock.
        assertTrue(hookCalls(instructions(thread, "join", "(J)V")).contains("nanoTime"));
        assertEquals(thread.methods().size(), ClassFile.of().parse(bytesOf("java.lang.Thread")).methods().size());
    }

    @Test
    void virtualThreadSetsBlockPermitBeforeLeavingTheWaitingList() throws Throwable {
        byte[] rewritten = ClassRewriter.rewrite("java/lang/VirtualThread", bytesOf("java.lang.VirtualThread"),
                false, null);
        ClassModel virtualThread = ClassFile.of().parse(rewritten);
        assertTrue(ClassFile.of().verify(virtualThread).isEmpty(),
                () -> ClassFile.of().verify(virtualThread).toString());
        List<Instruction> code = instructions(virtualThread, "compareAndSetOnWaitingList", "(ZZ)Z");
        assertEquals(List.of(Opcode.ILOAD_1, Opcode.IFEQ, Opcode.ILOAD_2, Opcode.IFNE, Opcode.ALOAD_0,
                Opcode.ICONST_1, Opcode.PUTFIELD), code.subList(0, 7).stream().map(Instruction::opcode).toList());
        assertEquals("blockPermit", ((FieldInstruction) code.get(6)).name().stringValue());
        // The clock reads of sleep/park in VirtualThread are redirected too.
        assertTrue(hookCalls(instructions(virtualThread, "sleepNanos", "(J)V")).contains("nanoTime"));
    }

    // --- helpers ---------------------------------------------------------------------------

    private static CallSiteSamples.Holder holder(Object fromOtherLoader) throws Exception {
        // The rewritten Holder is a different class: copy its components through reflection.
        Object a = fromOtherLoader.getClass().getMethod("a").invoke(fromOtherLoader);
        Object b = fromOtherLoader.getClass().getMethod("b").invoke(fromOtherLoader);
        return new CallSiteSamples.Holder((SecureRandom) a, (SecureRandom) b);
    }

    private static byte[] rewrite(Class<?> c, boolean program) {
        return ClassRewriter.rewrite(c.getName().replace('.', '/'), bytesOf(c.getName()), program, null);
    }

    static byte[] bytesOf(String className) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(className, e);
        }
    }

    private static Object call(Class<?> c, String name, Object... args) throws Throwable {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static List<Instruction> instructions(ClassModel c, String name) {
        return instructions(c, name, null);
    }

    private static List<Instruction> instructions(ClassModel c, String name, String descriptor) {
        MethodModel method = c.methods().stream()
                .filter(m -> m.methodName().equalsString(name)
                        && (descriptor == null || m.methodType().equalsString(descriptor)))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + name + descriptor));
        CodeModel code = method.code().orElseThrow();
        return code.elementList().stream().filter(e -> e instanceof Instruction).map(e -> (Instruction) e).toList();
    }

    /** Names of the DceHooks methods called, in code order. */
    private static List<String> hookCalls(List<Instruction> code) {
        return code.stream().filter(i -> i instanceof InvokeInstruction inv
                        && inv.owner().asInternalName().equals(HOOKS))
                .map(i -> ((InvokeInstruction) i).name().stringValue()).toList();
    }
}
