package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base type of every layer and model: a function {@link #forward} of a batch, the parameters it
 * owns, the layers nested inside it and a training/evaluation mode.
 *
 * <p>Subclasses register their parameters ({@link #registerParameter}) and children
 * ({@link #registerLayer}) in their constructor; {@link #namedParameters()} lists them in that
 * registration order, children's names prefixed with the child's name and a dot
 * ({@code "0.weight"}, {@code "0.bias"}, ...). There is no reflection: what is not registered is not
 * a parameter. A tensor reachable under two names (a layer used twice) is listed once, under the
 * first name, as in PyTorch.
 *
 * <p>The name is {@code Layer}, not {@code Module}: {@code java.lang.Module} exists, and a class of
 * that name would make every wildcard import of {@code io.jgrad.nn.*} ambiguous.
 */
public abstract class Layer {
    private final Map<String, Tensor> ownParameters = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The output of this layer for a batch {@code x} (rows are examples). */
    public abstract Tensor forward(Tensor x);

    /**
     * Makes {@code parameter} part of this layer under {@code name}: it becomes a leaf that requires
     * grad. Returns it, so a constructor can write {@code weight = registerParameter("weight", w)}.
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        Objects.requireNonNull(name, "registerParameter: name is null");
        Objects.requireNonNull(parameter, "registerParameter: parameter is null");
        checkName(name, "registerParameter");
        if (!parameter.isLeaf()) {
            throw new IllegalArgumentException("registerParameter: \"" + name + "\" was computed by "
                    + parameter.opName() + "; a parameter must be a leaf tensor (use detach() or copy())");
        }
        ownParameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /** Nests {@code layer} under {@code name}: its parameters and mode become part of this layer's. */
    protected final <L extends Layer> L registerLayer(String name, L layer) {
        Objects.requireNonNull(name, "registerLayer: name is null");
        Objects.requireNonNull(layer, "registerLayer: layer is null");
        checkName(name, "registerLayer");
        if (layer == this) {
            throw new IllegalArgumentException("registerLayer: a layer cannot contain itself");
        }
        children.put(name, layer);
        ((Layer) layer).setTraining(training);
        return layer;
    }

    private void checkName(String name, String method) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(method + ": name \"" + name
                    + "\" must be non-empty and contain no '.' (the dot separates nested names)");
        }
        if (ownParameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(method + ": name \"" + name + "\" is already used in "
                    + getClass().getSimpleName() + "; pick another name");
        }
    }

    /** Every parameter, this layer's own first and then each child's, in registration order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen) {
        for (Map.Entry<String, Tensor> e : ownParameters.entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    /** The parameters of {@link #namedParameters()}, in the same order (what an optimizer takes). */
    public final List<Tensor> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** The directly nested layers by name, in registration order. */
    public final Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Zeroes every parameter's gradient in place ({@link Tensor#zeroGrad()}), keeping the storage
     * for the next backward to add into.
     */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /** Forgets every parameter's gradient ({@link Tensor#clearGrad()}): they are {@code null} until the next backward. */
    public final void clearGrad() {
        for (Tensor p : namedParameters().values()) {
            p.clearGrad();
        }
    }

    /** Training mode (the default): layers such as {@link Dropout} act stochastically. Returns this. */
    public final Layer train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode: {@link Dropout} becomes the identity. Returns this. */
    public final Layer eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        for (Layer child : children.values()) {
            child.setTraining(on);
        }
    }

    /** Whether this layer is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** A copy of every parameter's values by name, in {@link #namedParameters()} order. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, p.copy()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Copies the values of {@code state} into the parameters of the same names. All or nothing:
     * every name and shape is checked first (a missing, unexpected or differently shaped entry is an
     * {@link IllegalArgumentException} naming it), and only then are values copied.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "loadStateDict: state is null");
        Map<String, Tensor> params = namedParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given == null) {
                problems.add("missing parameter \"" + e.getKey() + "\" of shape " + e.getValue().shape());
            } else if (!given.shape().equals(e.getValue().shape())) {
                problems.add("parameter \"" + e.getKey() + "\" has shape " + given.shape() + " but the model's is "
                        + e.getValue().shape());
            }
        }
        for (String name : state.keySet()) {
            if (!params.containsKey(name)) {
                problems.add("unexpected entry \"" + name + "\" (the model has " + params.keySet() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: " + String.join("; ", problems)
                    + "; nothing was changed");
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            double[] src = state.get(e.getKey()).data();
            System.arraycopy(src, 0, e.getValue().mutableData(), 0, src.length);
        }
    }

    /**
     * Writes {@link #stateDict()} to {@code file} in the {@link Checkpoint} format, atomically: a
     * crash mid-save leaves the previous file, never a half-written one.
     */
    public final void save(Path file) throws IOException {
        Objects.requireNonNull(file, "save: file is null");
        Checkpoint.write(file, stateDict());
    }

    /**
     * Loads parameters saved by {@link #save}. A damaged file is an {@link IOException}, a file whose
     * names or shapes do not match this model an {@link IllegalArgumentException}; either message
     * names the file, and either way the model is left unchanged.
     */
    public final void load(Path file) throws IOException {
        Objects.requireNonNull(file, "load: file is null");
        Map<String, Tensor> state = Checkpoint.read(file);
        try {
            loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load(" + file + "): the checkpoint does not fit this "
                    + getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return getClass().getSimpleName() + "()";
        }
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        children.forEach((name, child) -> sb.append("  (").append(name).append("): ")
                .append(child.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }
}
