package io.jgrad.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks the null convention on the public surface of classes: for every public constructor and
 * method and every parameter of reference type, a call with {@code null} in that position (and
 * sample values elsewhere) throws a {@link NullPointerException} whose message starts with the
 * method's name ({@code "add: "}, {@code "Tensor.of: "}, {@code "Dense: "} for a constructor) and
 * names the parameter ({@code "other is null"}). Reflection finds the members, so a method added
 * later is checked without being listed anywhere. Shared with the other modules' tests through
 * core's test jar.
 *
 * <p>Members a user never calls with arguments of their choosing are exempted by name with a reason
 * ({@link #exempt}): {@code equals(Object)} (null is a legal argument there) is always exempt.
 */
public final class NullArguments {
    private final Map<Class<?>, Supplier<?>> samples = new LinkedHashMap<>();
    private final Map<String, String> exemptions = new LinkedHashMap<>();
    private int calls;

    /** A checker with samples of the JDK and core types. */
    public NullArguments() {
        sample(Tensor.class, () -> Tensor.ones(1));
        sample(Tensor[].class, () -> new Tensor[] {Tensor.ones(1)});
        sample(Shape.class, () -> Shape.of(1));
        sample(String.class, () -> "x");
        sample(Object.class, () -> "x");
        sample(int[].class, () -> new int[] {0});
        sample(double[].class, () -> new double[] {1.0});
        sample(double[][].class, () -> new double[][] {{1.0}});
        sample(List.class, List::of);
        sample(Map.class, Map::of);
        sample(java.nio.file.Path.class, () -> java.nio.file.Path.of("target", "null-arguments-never-written"));
        sample(org.apache.commons.math3.random.RandomGenerator.class,
                () -> new org.apache.commons.math3.random.MersenneTwister(1));
        sample(java.util.function.Function.class, () -> (java.util.function.Function<Object, Object>) x -> x);
        sample(java.util.function.UnaryOperator.class, () -> (java.util.function.UnaryOperator<Object>) x -> x);
        sample(java.util.function.BiFunction.class, () -> (java.util.function.BiFunction<Object, Object, Object>) (a, b) -> a);
        sample(Runnable.class, () -> (Runnable) () -> { });
        sample(GradCheck.Options.class, GradCheck.Options::defaults);
    }

    /** Registers how to make a non-null value of {@code type} (also the receiver of its instance methods). */
    public <T> NullArguments sample(Class<T> type, Supplier<? extends T> supplier) {
        samples.put(type, supplier);
        return this;
    }

    /** Leaves out a member, named {@code "Class.method"} or {@code "Class.<init>"}, for the given reason. */
    public NullArguments exempt(String member, String reason) {
        exemptions.put(member, reason);
        return this;
    }

    /** How many null calls {@link #violations} made so far. */
    public int calls() {
        return calls;
    }

    /** Every breach of the convention among the public members of {@code types}, one line each. */
    public List<String> violations(Class<?>... types) {
        List<String> out = new ArrayList<>();
        for (Class<?> type : types) {
            for (Constructor<?> c : type.getConstructors()) {
                check(type, c, c.getDeclaringClass().getSimpleName(), "<init>", out);
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
                        && !Modifier.isAbstract(m.getModifiers()) && !m.getName().equals("equals")) {
                    check(type, m, m.getName(), m.getName(), out);
                }
            }
        }
        return out;
    }

    private void check(Class<?> type, Executable member, String messageName, String memberName, List<String> out) {
        String id = type.getSimpleName() + "." + memberName;
        if (exemptions.containsKey(id)) {
            return;
        }
        Parameter[] params = member.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (params[i].getType().isPrimitive()) {
                continue;
            }
            Object[] args = new Object[params.length];
            for (int j = 0; j < params.length; j++) {
                args[j] = j == i ? null : sampleOf(params[j].getType(), id);
            }
            calls++;
            String where = id + "(" + signature(params) + ") with null " + params[i].getName();
            Throwable thrown = invoke(type, member, args, id);
            if (!(thrown instanceof NullPointerException)) {
                out.add(where + ": expected a NullPointerException, got "
                        + (thrown == null ? "a normal return" : thrown.toString()));
                continue;
            }
            String msg = thrown.getMessage();
            String simple = type.getSimpleName();
            boolean namesMethod = msg != null && (msg.startsWith(messageName + ": ")
                    || msg.startsWith(simple + "." + messageName + ": ") || msg.contains("." + messageName + ": "));
            boolean namesParam = msg != null && msg.contains(params[i].getName()) && msg.contains("null");
            if (!namesMethod || !namesParam) {
                out.add(where + ": the message should start with \"" + messageName + ": \" (or \"" + simple + "."
                        + messageName + ": \") and name " + params[i].getName() + ", but is: " + msg);
            }
        }
    }

    private Throwable invoke(Class<?> type, Executable member, Object[] args, String id) {
        try {
            if (member instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                Method m = (Method) member;
                m.invoke(Modifier.isStatic(m.getModifiers()) ? null : sampleOf(type, id), args);
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id + ": cannot be called reflectively", e);
        }
    }

    private Object sampleOf(Class<?> type, String id) {
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            return type == int.class ? (Object) 1 : type == long.class ? (Object) 1L
                    : type == short.class ? (Object) (short) 1 : (Object) (byte) 1;
        }
        if (type == double.class || type == float.class) {
            return type == double.class ? (Object) 0.5 : (Object) 0.5f;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        Supplier<?> exact = samples.get(type);
        if (exact != null) {
            return exact.get();
        }
        for (Map.Entry<Class<?>, Supplier<?>> e : samples.entrySet()) {
            if (type.isAssignableFrom(e.getKey()) && e.getKey() != Object.class) {
                return e.getValue().get();
            }
        }
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            // No public no-argument constructor either: the caller must register a sample.
        }
        throw new IllegalStateException(id + ": no sample value of type " + type.getName()
                + "; register one with NullArguments.sample");
    }

    private static String signature(Parameter[] params) {
        List<String> names = new ArrayList<>();
        for (Parameter p : params) {
            names.add(p.getType().getSimpleName());
        }
        return String.join(", ", names);
    }
}
