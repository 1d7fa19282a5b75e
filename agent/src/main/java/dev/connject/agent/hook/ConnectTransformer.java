package dev.connject.agent.hook;

import dev.connject.agent.safety.InternalErrors;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves the advices into the JDK classes that carry them, when they load or are retransformed.
 * Any other class costs one map lookup. A class it cannot weave is left exactly as it was.
 */
final class ConnectTransformer implements ClassFileTransformer {

    private final Set<String> targetClasses;
    private final NativeCallLines lines;
    private final Set<String> woven = ConcurrentHashMap.newKeySet();
    private final InternalErrors errors;
    private volatile Map<String, List<Advice>> advicesByClass;

    /**
     * @param targetClasses internal names of the classes that carry advice
     * @param lines         for the advices, which are made when the first of those classes loads, which may be never
     */
    ConnectTransformer(Set<String> targetClasses, NativeCallLines lines, InternalErrors errors) {
        this.targetClasses = Set.copyOf(targetClasses);
        this.lines = lines;
        this.errors = errors;
    }

    Set<String> targetClasses() {
        return targetClasses;
    }

    /** The methods woven so far, as {@link Advice#describe()} names them. */
    Set<String> woven() {
        return Collections.unmodifiableSet(woven);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || !targetClasses.contains(className)) {
            return null;
        }
        try {
            return weave(classfileBuffer, advicesByClass().getOrDefault(className, List.of()));
        } catch (Throwable failure) {
            errors.report("weave", failure);
            return null;
        }
    }

    /* Often runs in the application's start: a plain loop, as a lambda would have the JVM generate a class first. */
    private Map<String, List<Advice>> advicesByClass() {
        Map<String, List<Advice>> byClass = advicesByClass;
        if (byClass == null) {
            Map<String, List<Advice>> grouped = new HashMap<>();
            for (Advice advice : HookInstaller.advices(lines)) {
                List<Advice> ofOwner = grouped.get(advice.owner());
                if (ofOwner == null) {
                    ofOwner = new ArrayList<>();
                    grouped.put(advice.owner(), ofOwner);
                }
                ofOwner.add(advice);
            }
            byClass = Map.copyOf(grouped);
            advicesByClass = byClass;
        }
        return byClass;
    }

    private byte[] weave(byte[] original, List<Advice> advices) {
        ClassReader reader = new ClassReader(original);
        // given the reader, the writer copies every method it is not asked to change as it is
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        List<String> wovenHere = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Advice advice : advices) {
                    if (advice.appliesTo(name, descriptor)) {
                        wovenHere.add(advice.describe());
                        return new AroundAdviceVisitor(method, advice, access, descriptor);
                    }
                }
                return method;
            }
        }, ClassReader.EXPAND_FRAMES);
        byte[] woven = writer.toByteArray();
        this.woven.addAll(wovenHere);
        return woven;
    }
}
