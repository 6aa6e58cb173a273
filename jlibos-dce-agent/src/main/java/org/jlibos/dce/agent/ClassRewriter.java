package org.jlibos.dce.agent;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rewrites one class file: redirected call sites (see {@link CallSiteTargets}) and the
 * {@link ThreadPrologue}s. Pure function of the bytes, so it is unit-testable without
 * {@code Instrumentation}.
 *
 * <p>Stack maps are never regenerated (that needs class hierarchy resolution, i.e. reading
 * other class files, and can change code by patching dead blocks). Every rewrite either keeps
 * the stack effect and control flow of the code it replaces, or (prologues) adds branches
 * whose targets get explicit frames; the original frames are carried over by label, so they
 * stay valid when offsets shift.
 */
public final class ClassRewriter {

    private ClassRewriter() {
    }

    /** Cheap pre-check on the constant pool; false means {@link #rewrite} would return null. */
    public static boolean mayNeedRewrite(String className, byte[] bytes, boolean programClass) {
        return className.equals(ThreadPrologue.THREAD) || className.equals(ThreadPrologue.VIRTUAL_THREAD)
                || className.equals(ThreadPrologue.FORK_JOIN_POOL) || className.equals(ThreadPrologue.PROCESS_BUILDER)
                || className.equals(ThreadPrologue.LOCK_SUPPORT)
                || ConstantPoolScan.referencesTargets(bytes, programClass);
    }

    /**
     * The rewritten class, or null when nothing in it needs rewriting.
     *
     * @param programClass whether the program-only rewrites apply (defined by a simulated process)
     * @param loader       the defining loader (null: boot), for class hierarchy lookups by resource parsing
     */
    public static byte[] rewrite(String className, byte[] bytes, boolean programClass, ClassLoader loader) {
        ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(resolver(loader)));
        ClassModel model = classFile.parse(bytes);
        Map<MethodModel, MethodPlan> plans = new IdentityHashMap<>();
        Set<String> prologuesApplied = new TreeSet<>();
        for (MethodModel method : model.methods()) {
            CodeModel code = method.code().orElse(null);
            if (code == null) {
                continue;
            }
            ThreadPrologue prologue = ThreadPrologue.of(className, method.methodName().stringValue(),
                    method.methodType().stringValue());
            MethodPlan plan = MethodPlan.of(code, programClass, prologue);
            if (!plan.isEmpty()) {
                plans.put(method, plan);
                if (prologue != null) {
                    prologuesApplied.add(method.methodName().stringValue() + method.methodType().stringValue());
                }
            }
        }
        reportMissingPrologues(className, prologuesApplied);
        if (plans.isEmpty()) {
            return null;
        }
        ClassDesc owner = model.thisClass().asSymbol();
        int majorVersion = model.majorVersion();
        return classFile.transformClass(model, (classBuilder, element) -> {
            if (element instanceof MethodModel method && plans.containsKey(method)) {
                MethodPlan plan = plans.get(method);
                classBuilder.transformMethod(method, (methodBuilder, methodElement) -> {
                    if (methodElement instanceof CodeModel code) {
                        methodBuilder.transformCode(code, new PlannedRewrite(plan, owner,
                                method.methodName().stringValue(), method.methodTypeSymbol(), majorVersion));
                    } else {
                        methodBuilder.with(methodElement);
                    }
                });
            } else {
                classBuilder.with(element);
            }
        });
    }

    private static void reportMissingPrologues(String className, Set<String> applied) {
        Map<String, ThreadPrologue> expected = ThreadPrologue.expectedMethods(className);
        if (applied.size() == expected.size()) {
            return;
        }
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(applied);
        System.err.println("jlibos-dce-agent: " + className + " has no method " + missing
                + " (JDK changed?): these calls are not redirected to the simulation");
    }

    private static ClassHierarchyResolver resolver(ClassLoader loader) {
        ClassHierarchyResolver system = ClassHierarchyResolver.ofResourceParsing(ClassLoader.getSystemClassLoader());
        return loader == null ? system : ClassHierarchyResolver.ofResourceParsing(loader).orElse(system);
    }

    /** What to do with each element (by position in {@code CodeModel.elementList()}) of one method. */
    private static final class MethodPlan {

        final ThreadPrologue prologue;
        final List<StackMapFrameInfo> originalFrames;
        /** Whether an original frame already sits at the first instruction. */
        final boolean originalFrameAtStart;
        final CallSiteTargets.Target[] hooks;
        /** Method references ({@code System::nanoTime}) compile to invokedynamic: their new call site. */
        final DynamicCallSiteDesc[] redirectedIndys;
        final boolean[] dropped;
        private boolean empty;

        private MethodPlan(ThreadPrologue prologue, List<StackMapFrameInfo> originalFrames,
                           boolean originalFrameAtStart, int size) {
            this.prologue = prologue;
            this.originalFrames = originalFrames;
            this.originalFrameAtStart = originalFrameAtStart;
            this.hooks = new CallSiteTargets.Target[size];
            this.redirectedIndys = new DynamicCallSiteDesc[size];
            this.dropped = new boolean[size];
            this.empty = prologue == null;
        }

        boolean isEmpty() {
            return empty;
        }

        static MethodPlan of(CodeModel code, boolean programClass, ThreadPrologue prologue) {
            // Parsing the frames first also creates the labels of NEW instructions that frames
            // name as Uninitialized, so the element list below carries them as LabelTargets.
            List<StackMapFrameInfo> frames = code.findAttribute(Attributes.stackMapTable())
                    .map(StackMapTableAttribute::entries).orElse(List.of());
            Set<Label> frameTargets = Collections.newSetFromMap(new IdentityHashMap<>());
            for (StackMapFrameInfo frame : frames) {
                frameTargets.add(frame.target());
            }
            List<CodeElement> elements = code.elementList();
            boolean frameAtStart = false;
            for (CodeElement element : elements) {
                if (element instanceof Instruction) {
                    break;
                }
                if (element instanceof LabelTarget target && frameTargets.contains(target.label())) {
                    frameAtStart = true;
                }
            }
            MethodPlan plan = new MethodPlan(prologue, frames, frameAtStart, elements.size());
            ArrayDeque<PendingNew> pendingNews = new ArrayDeque<>();
            int lastFrameTarget = -1;
            for (int i = 0; i < elements.size(); i++) {
                CodeElement element = elements.get(i);
                if (element instanceof LabelTarget target && frameTargets.contains(target.label())) {
                    lastFrameTarget = i;
                } else if (element instanceof NewObjectInstruction newObject) {
                    pendingNews.push(new PendingNew(i, dupRightAfter(elements, i),
                            newObject.className().asInternalName().equals(CallSiteTargets.SECURE_RANDOM)));
                } else if (element instanceof InvokeDynamicInstruction indy) {
                    DynamicCallSiteDesc redirected = redirectMethodReferences(indy, programClass);
                    if (redirected != null) {
                        plan.redirectedIndys[i] = redirected;
                        plan.empty = false;
                    }
                } else if (element instanceof InvokeInstruction invoke) {
                    String key = invoke.owner().asInternalName() + '.' + invoke.name().stringValue()
                            + invoke.type().stringValue();
                    boolean constructorCall = invoke.opcode() == Opcode.INVOKESPECIAL
                            && invoke.name().equalsString("<init>");
                    // An <init> with no pending NEW is a this()/super() call in a constructor.
                    PendingNew matchingNew = constructorCall && !pendingNews.isEmpty() ? pendingNews.pop() : null;
                    CallSiteTargets.Target target = CallSiteTargets.lookup(key, programClass);
                    if (target == null) {
                        continue;
                    }
                    switch (target.rewrite()) {
                        case STATIC_HOOK -> {
                            Opcode expected = target.virtual() ? Opcode.INVOKEVIRTUAL : Opcode.INVOKESTATIC;
                            if (invoke.opcode() == expected) {
                                plan.hook(i, target);
                            }
                        }
                        case SEEDED_RANDOM_INIT -> {
                            // Works for `new Random()` and for `super()` in a Random subclass alike.
                            if (constructorCall) {
                                plan.hook(i, target);
                            }
                        }
                        case SECURE_RANDOM_FACTORY -> {
                            // A frame between NEW and <init> would name the removed NEW: leave such sites.
                            if (matchingNew != null && matchingNew.secureRandom() && matchingNew.dupIndex() >= 0
                                    && lastFrameTarget < matchingNew.newIndex()) {
                                plan.dropped[matchingNew.newIndex()] = true;
                                plan.dropped[matchingNew.dupIndex()] = true;
                                plan.hook(i, target);
                            }
                        }
                    }
                }
            }
            return plan;
        }

        /**
         * The call site with every bootstrap argument that is a handle to a redirected method
         * replaced by a handle to its hook (the hidden classes of LambdaMetafactory cannot be
         * rewritten), or null when no argument names one.
         */
        private static DynamicCallSiteDesc redirectMethodReferences(InvokeDynamicInstruction indy,
                                                                    boolean programClass) {
            List<ConstantDesc> args = indy.bootstrapArgs();
            ConstantDesc[] redirected = null;
            for (int a = 0; a < args.size(); a++) {
                if (!(args.get(a) instanceof DirectMethodHandleDesc handle)) {
                    continue;
                }
                String key = handle.owner().descriptorString();
                key = key.substring(1, key.length() - 1) + '.' + handle.methodName() + handle.lookupDescriptor();
                CallSiteTargets.Target target = CallSiteTargets.lookup(key, programClass);
                if (target == null) {
                    continue;
                }
                DirectMethodHandleDesc.Kind expected = switch (target.rewrite()) {
                    case STATIC_HOOK -> target.virtual() ? DirectMethodHandleDesc.Kind.VIRTUAL
                            : DirectMethodHandleDesc.Kind.STATIC;
                    case SECURE_RANDOM_FACTORY -> DirectMethodHandleDesc.Kind.CONSTRUCTOR;
                    case SEEDED_RANDOM_INIT -> null; // Random::new has no hook of its shape
                };
                if (handle.kind() != expected) {
                    continue;
                }
                if (redirected == null) {
                    redirected = args.toArray(new ConstantDesc[0]);
                }
                redirected[a] = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, CallSiteTargets.HOOKS,
                        target.hookName(), target.hookType());
            }
            return redirected == null ? null : DynamicCallSiteDesc.of(indy.bootstrapMethod(),
                    indy.name().stringValue(), indy.typeSymbol(), redirected);
        }

        private void hook(int index, CallSiteTargets.Target target) {
            hooks[index] = target;
            empty = false;
        }

        /** Index of the DUP that is the next instruction after {@code index}, or -1. */
        private static int dupRightAfter(List<CodeElement> elements, int index) {
            for (int i = index + 1; i < elements.size(); i++) {
                if (elements.get(i) instanceof Instruction instruction) {
                    return instruction.opcode() == Opcode.DUP ? i : -1;
                }
            }
            return -1;
        }
    }

    private record PendingNew(int newIndex, int dupIndex, boolean secureRandom) {
    }

    /** Applies a {@link MethodPlan}; elements arrive in {@code elementList()} order. */
    private static final class PlannedRewrite implements CodeTransform {

        private final MethodPlan plan;
        private final ClassDesc owner;
        private final String methodName;
        private final MethodTypeDesc methodType;
        private final int majorVersion;
        private final List<StackMapFrameInfo> addedFrames = new ArrayList<>();
        private int index;

        PlannedRewrite(MethodPlan plan, ClassDesc owner, String methodName, MethodTypeDesc methodType,
                       int majorVersion) {
            this.plan = plan;
            this.owner = owner;
            this.methodName = methodName;
            this.methodType = methodType;
            this.majorVersion = majorVersion;
        }

        @Override
        public void atStart(CodeBuilder cob) {
            if (plan.prologue != null) {
                plan.prologue.emit(cob, owner, methodName, methodType, cob.newLabel(),
                        !plan.originalFrameAtStart, addedFrames);
            }
        }

        @Override
        public void accept(CodeBuilder cob, CodeElement element) {
            int i = index++;
            if (plan.dropped[i]) {
                return;
            }
            if (plan.redirectedIndys[i] != null) {
                cob.invokedynamic(plan.redirectedIndys[i]);
                return;
            }
            CallSiteTargets.Target target = plan.hooks[i];
            if (target == null) {
                cob.with(element);
                return;
            }
            switch (target.rewrite()) {
                case STATIC_HOOK, SECURE_RANDOM_FACTORY ->
                        cob.invokestatic(CallSiteTargets.HOOKS, target.hookName(), target.hookType());
                case SEEDED_RANDOM_INIT -> cob
                        .invokestatic(CallSiteTargets.HOOKS, target.hookName(), target.hookType())
                        .invokespecial(CallSiteTargets.RANDOM, "<init>", MethodTypeDesc.ofDescriptor("(J)V"));
            }
        }

        @Override
        public void atEnd(CodeBuilder cob) {
            if (majorVersion < ClassFile.JAVA_6_VERSION) {
                return; // type-inferencing verifier: no stack maps
            }
            if (plan.originalFrames.isEmpty() && addedFrames.isEmpty()) {
                return;
            }
            List<StackMapFrameInfo> frames = new ArrayList<>(plan.originalFrames);
            frames.addAll(addedFrames);
            cob.with(StackMapTableAttribute.of(frames));
        }
    }
}
