package io.jgrad.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A user-defined op with its own forward computation and backward rule, recorded in the graph like
 * a built-in op.
 *
 * <pre>{@code
 * final class Cube extends CustomFunction {
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         ctx.save(in[0]);
 *         return in[0].mul(in[0]).mul(in[0]);
 *     }
 *     protected Tensor[] backward(Context ctx, Tensor grad) {
 *         Tensor x = ctx.saved(0);
 *         return new Tensor[] {grad.mul(x.mul(x).mul(3.0))};
 *     }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 *
 * <p>{@code forward} runs with recording off. Write {@code backward} with tensor operations: then
 * it is recorded under {@code createGraph}, and second derivatives through the op work too.
 */
public abstract class CustomFunction {
    /** What forward hands to backward: saved tensors and which inputs need a gradient. */
    public static final class Context {
        private final List<Tensor> toSave = new ArrayList<>(2);
        private final boolean[] needsGrad;
        private Node node;
        private List<Node.Saved> saved;

        private Context(Tensor[] inputs) {
            needsGrad = new boolean[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                needsGrad[i] = inputs[i].requiresGrad();
            }
        }

        /** Keeps tensors for backward (checked against in-place changes, freed after backward). */
        public void save(Tensor... tensors) {
            NullChecks.elements(tensors, "Context.save", "tensors");
            if (node != null) {
                throw new IllegalStateException("Context.save: call it in forward, not in backward");
            }
            toSave.addAll(List.of(tensors));
        }

        /** The {@code i}-th tensor given to {@link #save}. */
        public Tensor saved(int i) {
            if (saved == null || i < 0 || i >= saved.size()) {
                throw new IllegalStateException("Context.saved: no saved tensor " + i + " ("
                        + (saved == null ? 0 : saved.size()) + " were saved in forward)");
            }
            return saved.get(i).get();
        }

        /** Whether input {@code i} needs a gradient (backward may return null for the others). */
        public boolean needsInputGrad(int i) {
            return needsGrad[i];
        }
    }

    /**
     * The op's name in error messages and graph drawings: by default the simple class name, or the
     * binary name ({@code Outer$1}) for an anonymous class, which has no simple name.
     */
    protected String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /** Computes the output; nothing inside is recorded. */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * The gradient of each input given the gradient of the output, one entry per input, in the
     * input's shape (or a shape that broadcasts to the output's; the engine sums it back). Entries
     * for inputs that need no gradient are ignored.
     */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /** Runs forward and, when an input needs a gradient, records the op. */
    public final Tensor apply(Tensor... inputs) {
        NullChecks.elements(inputs, "apply", "inputs");
        Context ctx = new Context(inputs);
        Tensor result;
        try (var scope = Autograd.noGrad()) {
            result = forward(ctx, inputs);
        }
        if (result == null) {
            throw new IllegalStateException(name() + ": forward returned null; return the output tensor");
        }
        Tensor out = result.detach();
        if (Autograd.isRecording(inputs)) {
            new CustomNode(this, ctx, out, inputs);
        }
        return out;
    }

    private static final class CustomNode extends Node {
        private final CustomFunction fn;
        private final Context ctx;

        CustomNode(CustomFunction fn, Context ctx, Tensor out, Tensor[] inputs) {
            super(fn.name(), out, inputs);
            this.fn = fn;
            this.ctx = ctx;
            ctx.node = this;
            ctx.saved = new ArrayList<>(ctx.toSave.size());
            for (Tensor t : ctx.toSave) {
                ctx.saved.add(save(t));
            }
            ctx.toSave.clear();
        }

        @Override
        boolean returnsOwnGradients() {
            return false;
        }

        @Override
        Tensor[] backward(Tensor grad) {
            Tensor[] grads = fn.backward(ctx, grad);
            if (grads == null) {
                throw new IllegalStateException(name + ": backward returned null; return one gradient per input");
            }
            for (Tensor g : grads) {
                if (g != null) {
                    g.pin();   // user code may return any tensor, some leaf's grad included
                }
            }
            return grads.clone();
        }
    }
}
