package org.jlibos.dce.agent;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Code inserted at the very beginning of a few {@code java.lang.Thread} and
 * {@code java.lang.VirtualThread} methods. Retransformation forbids new members, so every
 * prologue is straight-line code in the existing method body; it branches to the original
 * first instruction, whose frame is the method's entry frame.
 */
enum ThreadPrologue {

    /** {@code if (DceHooks.start(this)) return;} */
    START,
    /** {@code Thread p = DceHooks.proxy(this); if (p != null) return p.<same method>(args);} */
    DELEGATE_TO_PROXY,
    /** {@code if (expected && !newValue) this.blockPermit = true;} */
    BLOCK_PERMIT_FIRST,
    /** {@code if (DceHooks.forkJoinSubmit(this, task)) return task;} in ForkJoinPool.poolSubmit */
    FORK_JOIN_SUBMIT,
    /** {@code if (DceHooks.forkJoinSchedule(this, task)) return task;} in ForkJoinPool.scheduleDelayedTask */
    FORK_JOIN_SCHEDULE,
    /** {@code DceHooks.processStart();} (throws on simulated threads) in ProcessBuilder.start */
    REFUSE_PROCESS_START,
    /** {@code Thread p = DceHooks.proxy(thread); if (p != null) thread = p;} in LockSupport.unpark */
    UNPARK_PROXY;

    static final String THREAD = "java/lang/Thread";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    static final String FORK_JOIN_POOL = "java/util/concurrent/ForkJoinPool";
    static final String PROCESS_BUILDER = "java/lang/ProcessBuilder";
    static final String LOCK_SUPPORT = "java/util/concurrent/locks/LockSupport";

    private static final ClassDesc CD_THREAD = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc CD_VIRTUAL_THREAD = ClassDesc.of("java.lang.VirtualThread");
    private static final MethodTypeDesc START_HOOK = MethodTypeDesc.of(ConstantDescs.CD_boolean, CD_THREAD);
    private static final MethodTypeDesc PROXY_HOOK = MethodTypeDesc.of(CD_THREAD, CD_THREAD);
    private static final MethodTypeDesc FORK_JOIN_SCHEDULE_HOOK = MethodTypeDesc.of(ConstantDescs.CD_boolean,
            ClassDesc.of("java.util.concurrent.ForkJoinPool"), ConstantDescs.CD_Object);
    private static final MethodTypeDesc FORK_JOIN_HOOK = MethodTypeDesc.of(ConstantDescs.CD_boolean,
            ClassDesc.of("java.util.concurrent.ForkJoinPool"), ClassDesc.of("java.util.concurrent.ForkJoinTask"));

    /** Methods (name + descriptor) of {@code java.lang.Thread} that get a prologue. */
    static final Map<String, ThreadPrologue> THREAD_METHODS = Map.ofEntries(
            Map.entry("start()V", START),
            // Executors' thread pools start workers through their thread container, not start().
            Map.entry("start(Ljdk/internal/vm/ThreadContainer;)V", START),
            Map.entry("isAlive()Z", DELEGATE_TO_PROXY),
            Map.entry("interrupt()V", DELEGATE_TO_PROXY),
            Map.entry("isInterrupted()Z", DELEGATE_TO_PROXY),
            Map.entry("getState()Ljava/lang/Thread$State;", DELEGATE_TO_PROXY),
            Map.entry("join()V", DELEGATE_TO_PROXY),
            Map.entry("join(J)V", DELEGATE_TO_PROXY),
            Map.entry("join(JI)V", DELEGATE_TO_PROXY),
            Map.entry("join(Ljava/time/Duration;)Z", DELEGATE_TO_PROXY),
            // Program code sees the Thread object it created as its current thread (see
            // DceHooks.currentThread); the JDK reads the context loader from the running proxy.
            Map.entry("getContextClassLoader()Ljava/lang/ClassLoader;", DELEGATE_TO_PROXY),
            Map.entry("setContextClassLoader(Ljava/lang/ClassLoader;)V", DELEGATE_TO_PROXY));

    static final Map<String, ThreadPrologue> VIRTUAL_THREAD_METHODS = Map.of(
            "compareAndSetOnWaitingList(ZZ)Z", BLOCK_PERMIT_FIRST);

    /**
     * Every submission to a ForkJoinPool goes through poolSubmit. Pool workers park with
     * Unsafe.park, which would pin the carrier if they were simulated threads, so tasks that
     * simulated code submits (CompletableFuture's async pool is the common pool) run on
     * simulated threads of their own instead.
     */
    static final Map<String, ThreadPrologue> FORK_JOIN_POOL_METHODS = Map.of(
            "poolSubmit(ZLjava/util/concurrent/ForkJoinTask;)Ljava/util/concurrent/ForkJoinTask;", FORK_JOIN_SUBMIT,
            // Delayed tasks (ForkJoinPool.schedule, CompletableFuture.orTimeout/delayedExecutor)
            // would start the pool's DelayScheduler thread, which parks with Unsafe.park too.
            "scheduleDelayedTask(Ljava/util/concurrent/DelayScheduler$ScheduledForkJoinTask;)"
                    + "Ljava/util/concurrent/DelayScheduler$ScheduledForkJoinTask;", FORK_JOIN_SCHEDULE);

    /** unpark of a Thread object the simulation runs on a proxy must wake the proxy. */
    static final Map<String, ThreadPrologue> LOCK_SUPPORT_METHODS = Map.of(
            "unpark(Ljava/lang/Thread;)V", UNPARK_PROXY);

    /** Runtime.exec goes through ProcessBuilder.start: real OS processes cannot join a simulation. */
    static final Map<String, ThreadPrologue> PROCESS_BUILDER_METHODS = Map.of(
            "start()Ljava/lang/Process;", REFUSE_PROCESS_START);

    /** The prologue for a method of {@code className}, or null. */
    static ThreadPrologue of(String className, String name, String descriptor) {
        Map<String, ThreadPrologue> methods = switch (className) {
            case THREAD -> THREAD_METHODS;
            case VIRTUAL_THREAD -> VIRTUAL_THREAD_METHODS;
            case FORK_JOIN_POOL -> FORK_JOIN_POOL_METHODS;
            case PROCESS_BUILDER -> PROCESS_BUILDER_METHODS;
            case LOCK_SUPPORT -> LOCK_SUPPORT_METHODS;
            default -> null;
        };
        return methods == null ? null : methods.get(name + descriptor);
    }

    static Map<String, ThreadPrologue> expectedMethods(String className) {
        return switch (className) {
            case THREAD -> THREAD_METHODS;
            case VIRTUAL_THREAD -> VIRTUAL_THREAD_METHODS;
            case FORK_JOIN_POOL -> FORK_JOIN_POOL_METHODS;
            case PROCESS_BUILDER -> PROCESS_BUILDER_METHODS;
            case LOCK_SUPPORT -> LOCK_SUPPORT_METHODS;
            default -> Map.of();
        };
    }

    /**
     * Emits the prologue and binds {@code originalStart} after it. Adds to {@code frames} the
     * frames its branch targets need; the frame at {@code originalStart} is added only when
     * {@code needsStartFrame} (the original code may already carry one there).
     */
    void emit(CodeBuilder cob, ClassDesc owner, String methodName, MethodTypeDesc type, Label originalStart,
              boolean needsStartFrame, List<StackMapFrameInfo> frames) {
        List<VerificationTypeInfo> entryLocals = entryLocals(owner, type);
        switch (this) {
            case START -> {
                cob.aload(0)
                   .invokestatic(CallSiteTargets.HOOKS, "start", START_HOOK)
                   .ifeq(originalStart)
                   .return_();
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, entryLocals, List.of()));
                }
            }
            case DELEGATE_TO_PROXY -> {
                Label notTakenOver = cob.newLabel();
                cob.aload(0)
                   .invokestatic(CallSiteTargets.HOOKS, "proxy", PROXY_HOOK)
                   .dup()
                   .ifnull(notTakenOver);
                int slot = 1;
                for (ClassDesc parameter : type.parameterList()) {
                    TypeKind kind = TypeKind.from(parameter);
                    cob.loadLocal(kind, slot);
                    slot += kind.slotSize();
                }
                cob.invokevirtual(CD_THREAD, methodName, type)
                   .return_(TypeKind.from(type.returnType()))
                   .labelBinding(notTakenOver)
                   .pop();
                frames.add(StackMapFrameInfo.of(notTakenOver, entryLocals,
                        List.of(ObjectVerificationTypeInfo.of(CD_THREAD))));
            }
            case FORK_JOIN_SUBMIT -> {
                cob.aload(0)
                   .aload(2)
                   .invokestatic(CallSiteTargets.HOOKS, "forkJoinSubmit", FORK_JOIN_HOOK)
                   .ifeq(originalStart)
                   .aload(2)
                   .areturn();
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, entryLocals, List.of()));
                }
            }
            case FORK_JOIN_SCHEDULE -> {
                cob.aload(0)
                   .aload(1)
                   .invokestatic(CallSiteTargets.HOOKS, "forkJoinSchedule", FORK_JOIN_SCHEDULE_HOOK)
                   .ifeq(originalStart)
                   .aload(1)
                   .areturn();
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, entryLocals, List.of()));
                }
            }
            case REFUSE_PROCESS_START -> {
                cob.invokestatic(CallSiteTargets.HOOKS, "processStart", MethodTypeDesc.of(ConstantDescs.CD_void));
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, entryLocals, List.of()));
                }
            }
            case UNPARK_PROXY -> {
                // A static method: local 0 is the thread argument.
                List<VerificationTypeInfo> staticEntry = List.of(ObjectVerificationTypeInfo.of(CD_THREAD));
                Label noProxy = cob.newLabel();
                cob.aload(0)
                   .invokestatic(CallSiteTargets.HOOKS, "proxy", PROXY_HOOK)
                   .dup()
                   .ifnull(noProxy)
                   .astore(0)
                   .goto_(originalStart)
                   .labelBinding(noProxy)
                   .pop();
                frames.add(StackMapFrameInfo.of(noProxy, staticEntry, List.of(ObjectVerificationTypeInfo.of(CD_THREAD))));
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, staticEntry, List.of()));
                }
            }
            case BLOCK_PERMIT_FIRST -> {
                cob.iload(1)
                   .ifeq(originalStart)
                   .iload(2)
                   .ifne(originalStart)
                   .aload(0)
                   .iconst_1()
                   .putfield(CD_VIRTUAL_THREAD, "blockPermit", ConstantDescs.CD_boolean);
                if (needsStartFrame) {
                    frames.add(StackMapFrameInfo.of(originalStart, entryLocals, List.of()));
                }
            }
        }
        cob.labelBinding(originalStart);
    }

    /** The implicit frame at entry of an instance method that is not a constructor (JVMS 4.10.1.6). */
    private static List<VerificationTypeInfo> entryLocals(ClassDesc owner, MethodTypeDesc type) {
        List<VerificationTypeInfo> locals = new ArrayList<>();
        locals.add(ObjectVerificationTypeInfo.of(owner));
        for (ClassDesc parameter : type.parameterList()) {
            locals.add(switch (TypeKind.from(parameter)) {
                case BOOLEAN, BYTE, CHAR, SHORT, INT -> SimpleVerificationTypeInfo.INTEGER;
                case LONG -> SimpleVerificationTypeInfo.LONG;
                case FLOAT -> SimpleVerificationTypeInfo.FLOAT;
                case DOUBLE -> SimpleVerificationTypeInfo.DOUBLE;
                default -> ObjectVerificationTypeInfo.of(parameter);
            });
        }
        return locals;
    }
}
