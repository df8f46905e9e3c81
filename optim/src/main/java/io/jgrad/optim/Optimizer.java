package io.jgrad.optim;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Parallel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base of the optimizers: holds the parameters in groups (each with its learning rate and
 * weight decay), the per-parameter step counts and state arrays, and runs one update rule over
 * the primitive arrays.
 *
 * <p>A training step is {@code opt.zeroGrad(); loss.backward(); opt.step();}. {@link #step()}
 * updates every parameter that has a gradient in place and skips those whose
 * {@link Tensor#grad()} is {@code null} (no gradient reached them since {@link #clearGrad()}, or
 * ever), as PyTorch does; a skipped
 * parameter's step count does not advance. State arrays are allocated on a parameter's first
 * update; after that a step allocates nothing.
 *
 * <p>A subclass names its state arrays (passed to the constructor), optionally initialises them
 * ({@link #initState}) and implements {@link #update} as a loop over a range of the arrays. A rule
 * whose elements are updated independently says so with {@link #elementwise()}; {@link #step()}
 * then updates a parameter of {@link Parallel#ELEMENTWISE_MIN} (65,536) elements or more in one range
 * per core.
 */
public abstract class Optimizer {
    private final String name;
    private final List<String> stateNames;
    private final Map<String, Double> hyperParameters;
    private final Group[] groups;
    private final Slot[] slots;

    private final RangeUpdate ranges = new RangeUpdate();

    /**
     * The arguments of one parameter's update, held in fields so that splitting it over the cores
     * allocates nothing (a lambda would capture them in a new object every step).
     */
    private final class RangeUpdate implements Parallel.Range {
        private double[] w;
        private double[] g;
        private double[][] state;
        private long step;
        private double lr;
        private double weightDecay;

        void run(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay) {
            this.w = w;
            this.g = g;
            this.state = state;
            this.step = step;
            this.lr = lr;
            this.weightDecay = weightDecay;
            try {
                Parallel.forElements(w.length, this);
            } finally {
                this.w = null;
                this.g = null;
                this.state = null;
            }
        }

        @Override
        public void run(int from, int to) {
            update(w, g, state, step, lr, weightDecay, from, to);
        }
    }

    /** One parameter group: its run-time learning rate and fixed weight decay. */
    private static final class Group {
        final int from;
        final int to;
        final double weightDecay;
        double initialLr;
        double lr;

        Group(int from, int to, double lr, double weightDecay) {
            this.from = from;
            this.to = to;
            this.initialLr = lr;
            this.lr = lr;
            this.weightDecay = weightDecay;
        }
    }

    /** One parameter, its step count and its state arrays ({@code null} before its first update). */
    private static final class Slot {
        final Tensor param;
        long step;
        double[][] state;

        Slot(Tensor param) {
            this.param = param;
        }
    }

    /**
     * Builds the groups from {@code builder} and checks the parameters: each a leaf tensor, none
     * twice, at least one in all.
     *
     * @param stateNames the names of the per-parameter state arrays, in the order {@link #update}
     *     receives them
     * @param hyperParameters the rule's fixed settings by name (booleans as 1.0 / 0.0)
     */
    protected Optimizer(Builder<?, ?> builder, List<String> stateNames, Map<String, Double> hyperParameters) {
        this.name = builder.name;
        this.stateNames = List.copyOf(stateNames);
        this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        List<ParamGroup> specs = builder.groups;
        this.groups = new Group[specs.size()];
        List<Slot> all = new ArrayList<>();
        Map<Tensor, String> seen = new IdentityHashMap<>();
        for (int g = 0; g < specs.size(); g++) {
            ParamGroup spec = specs.get(g);
            double lr = builder.lr;
            double weightDecay = builder.weightDecay;
            if (spec.lr().isPresent()) {
                lr = Check.positive(name, "lr of parameter group " + g, spec.lr().getAsDouble());
            }
            if (spec.weightDecay().isPresent()) {
                weightDecay = Check.nonNegative(name, "weightDecay of parameter group " + g,
                        spec.weightDecay().getAsDouble());
            }
            int from = all.size();
            for (int i = 0; i < spec.params().size(); i++) {
                Tensor p = spec.params().get(i);
                String where = "parameter " + i + " of group " + g;
                if (!p.isLeaf()) {
                    throw new IllegalArgumentException(name + ": " + where + " (shape " + p.shape()
                            + ") is not a leaf tensor but the result of " + p.opName()
                            + "; optimize the leaf tensors it was computed from");
                }
                String before = seen.put(p, where);
                if (before != null) {
                    throw new IllegalArgumentException(name + ": the same tensor is " + before + " and " + where
                            + "; put each parameter in one group only");
                }
                all.add(new Slot(p));
            }
            groups[g] = new Group(from, all.size(), lr, weightDecay);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize; pass at least one tensor");
        }
        this.slots = all.toArray(new Slot[0]);
    }

    /**
     * Applies the rule in place to the elements {@code [from, to)} of one parameter. Unless
     * {@link #elementwise()} says so, the range is always the whole parameter.
     *
     * @param w the parameter's values, updated in place
     * @param g its gradient (read only)
     * @param state its state arrays, in the order of the constructor's {@code stateNames}
     * @param step this parameter's step number, 1 on its first update
     * @param lr its group's learning rate
     * @param weightDecay its group's weight decay
     * @param from first element to update
     * @param to one past the last element to update
     */
    protected abstract void update(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay,
                                   int from, int to);

    /**
     * Whether each element's update reads only that element of {@code w}, {@code g} and the state
     * arrays, so that a large parameter may be updated in several ranges at once, one per core
     * (every rule in this package). A rule that looks at the whole tensor (a norm, as LAMB's trust
     * ratio) must keep the default, {@code false}.
     */
    protected boolean elementwise() {
        return false;
    }

    /** The rule's fixed settings by name (booleans as 1.0 / 0.0), recorded in {@link #stateDict()}. */
    public final Map<String, Double> hyperParameters() {
        return hyperParameters;
    }

    /** Sets the initial values of freshly allocated state arrays; they start at zero otherwise. */
    protected void initState(double[][] state) {
    }

    /** Updates every parameter that has a gradient, in place; allocates nothing once state exists. */
    public final void step() {
        for (Group group : groups) {
            for (int i = group.from; i < group.to; i++) {
                Slot slot = slots[i];
                Tensor grad = slot.param.grad();
                if (grad == null) {
                    continue;
                }
                if (grad.size() != slot.param.size()) {
                    throw new IllegalStateException(name + ".step: parameter " + i + " has shape " + slot.param.shape()
                            + " but its gradient has shape " + grad.shape()
                            + "; the gradient was replaced by one of another shape (check gradient hooks)");
                }
                if (slot.state == null) {
                    slot.state = newState(slot.param.size());
                }
                slot.step++;
                double[] w = slot.param.mutableData();
                if (elementwise()) {
                    ranges.run(w, grad.data(), slot.state, slot.step, group.lr, group.weightDecay);
                } else {
                    update(w, grad.data(), slot.state, slot.step, group.lr, group.weightDecay, 0, w.length);
                }
            }
        }
    }

    /**
     * Zeroes every parameter's gradient in place ({@link Tensor#zeroGrad()}, PyTorch 1.x's
     * {@code zero_grad()}): the next backward adds into the same storage, so a training step
     * allocates no gradient buffers. A parameter whose gradient is zero is still updated by
     * {@link #step()} (momentum and weight decay move it); use {@link #clearGrad()} to skip the
     * parameters the next backward does not reach.
     */
    public final void zeroGrad() {
        for (Slot slot : slots) {
            slot.param.zeroGrad();
        }
    }

    /**
     * Forgets every parameter's gradient ({@link Tensor#clearGrad()}, PyTorch's
     * {@code set_to_none}): {@link #step()} then skips a parameter the next backward does not
     * reach, and the next backward allocates new gradient storage.
     */
    public final void clearGrad() {
        for (Slot slot : slots) {
            slot.param.clearGrad();
        }
    }

    /** The rule's name, e.g. {@code "Adam"}. */
    public final String name() {
        return name;
    }

    /** All parameters, groups in order. */
    public final List<Tensor> parameters() {
        List<Tensor> out = new ArrayList<>(slots.length);
        for (Slot slot : slots) {
            out.add(slot.param);
        }
        return List.copyOf(out);
    }

    public final int groupCount() {
        return groups.length;
    }

    /** The current learning rate of group {@code group}. */
    public final double lr(int group) {
        return group(group).lr;
    }

    /** The learning rate group {@code group} was built with; schedules scale this one. */
    public final double initialLr(int group) {
        return group(group).initialLr;
    }

    public final double weightDecay(int group) {
        return group(group).weightDecay;
    }

    /** Sets the learning rate of one group (what a schedule does); 0 is allowed, as a schedule may reach it. */
    public final void setLr(int group, double lr) {
        Check.nonNegative(name + ".setLr", "lr of parameter group " + group, lr);
        group(group).lr = lr;
    }

    /** Sets the learning rate of every group. */
    public final void setLr(double lr) {
        for (int g = 0; g < groups.length; g++) {
            setLr(g, lr);
        }
    }

    /** A copy of everything needed to resume: see {@link OptimizerState}. */
    public final OptimizerState stateDict() {
        List<OptimizerState.Group> groupStates = new ArrayList<>(groups.length);
        for (Group g : groups) {
            groupStates.add(new OptimizerState.Group(g.lr, g.initialLr, g.weightDecay, g.to - g.from));
        }
        List<OptimizerState.Param> params = new ArrayList<>(slots.length);
        for (Slot slot : slots) {
            Map<String, double[]> buffers = new LinkedHashMap<>();
            if (slot.state != null) {
                for (int k = 0; k < stateNames.size(); k++) {
                    buffers.put(stateNames.get(k), slot.state[k]);
                }
            }
            params.add(new OptimizerState.Param(slot.step, buffers));
        }
        return new OptimizerState(name, hyperParameters(), groupStates, params);
    }

    /**
     * Restores a state from {@link #stateDict()}: learning rates, step counts and state arrays
     * (copied in). Everything is checked first — the rule, its hyper-parameters, the groups' sizes
     * and weight decays, every array's name and length — and nothing changes if any check fails.
     */
    public final void loadStateDict(OptimizerState state) {
        Objects.requireNonNull(state, name + ".loadStateDict: state is null");
        validate(state);
        for (int g = 0; g < groups.length; g++) {
            groups[g].lr = state.groups().get(g).lr();
            groups[g].initialLr = state.groups().get(g).initialLr();
        }
        for (int i = 0; i < slots.length; i++) {
            OptimizerState.Param p = state.params().get(i);
            Slot slot = slots[i];
            slot.step = p.step();
            if (p.step() == 0) {
                slot.state = null;
                continue;
            }
            if (slot.state == null) {
                slot.state = new double[stateNames.size()][];
            }
            for (int k = 0; k < stateNames.size(); k++) {
                slot.state[k] = p.buffersView().get(stateNames.get(k)).clone();
            }
        }
    }

    private void validate(OptimizerState state) {
        String where = name + ".loadStateDict: ";
        if (!state.optimizer().equals(name)) {
            throw new IllegalArgumentException(where + "the state is from " + state.optimizer() + ", not " + name
                    + "; load it into a " + state.optimizer() + " optimizer");
        }
        if (!state.hyperParameters().equals(hyperParameters())) {
            throw new IllegalArgumentException(where + "the state was saved with " + state.hyperParameters()
                    + " but this optimizer has " + hyperParameters() + "; build it with the same settings");
        }
        if (state.groups().size() != groups.length) {
            throw new IllegalArgumentException(where + "the state has " + state.groups().size()
                    + " parameter groups but this optimizer has " + groups.length + "; build it with the same groups");
        }
        for (int g = 0; g < groups.length; g++) {
            OptimizerState.Group saved = state.groups().get(g);
            int size = groups[g].to - groups[g].from;
            if (saved.size() != size || saved.weightDecay() != groups[g].weightDecay) {
                throw new IllegalArgumentException(where + "parameter group " + g + " has " + saved.size()
                        + " parameters and weight decay " + saved.weightDecay() + " in the state but " + size
                        + " and " + groups[g].weightDecay + " here; build the optimizer with the same groups");
            }
        }
        if (state.params().size() != slots.length) {
            throw new IllegalArgumentException(where + "the state has " + state.params().size()
                    + " parameters but the groups hold " + slots.length);
        }
        for (int i = 0; i < slots.length; i++) {
            validateParam(where + "parameter " + i + " (shape " + slots[i].param.shape() + ")",
                    state.params().get(i), slots[i].param.size());
        }
    }

    private void validateParam(String where, OptimizerState.Param p, int size) {
        Map<String, double[]> buffers = p.buffersView();
        List<String> expected = p.step() == 0 ? List.of() : stateNames;
        if (!buffers.keySet().equals(Set.copyOf(expected))) {
            throw new IllegalArgumentException(where + " after " + p.step() + " steps has state arrays "
                    + buffers.keySet() + " but " + name + " expects " + expected);
        }
        for (Map.Entry<String, double[]> e : buffers.entrySet()) {
            if (e.getValue().length != size) {
                throw new IllegalArgumentException(where + ": state array " + e.getKey() + " has "
                        + e.getValue().length + " values, the parameter has " + size);
            }
        }
    }

    private double[][] newState(int size) {
        double[][] state = new double[stateNames.size()][size];
        initState(state);
        return state;
    }

    private Group group(int group) {
        if (group < 0 || group >= groups.length) {
            throw new IndexOutOfBoundsException(name + ": parameter group " + group + " does not exist; there are "
                    + groups.length);
        }
        return groups[group];
    }

    /**
     * The part of every optimizer's builder that sets the learning rate, the weight decay and the
     * parameter groups; each rule's builder adds its own settings.
     *
     * @param <B> the concrete builder, returned by each setter
     * @param <O> the optimizer it builds
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends Optimizer> {
        final String name;
        final List<ParamGroup> groups = new ArrayList<>();
        double lr;
        double weightDecay;

        /** A builder whose first group is {@code params}, with the rule's default settings. */
        protected Builder(String name, List<Tensor> params, double defaultLr, double defaultWeightDecay) {
            this.name = name;
            this.lr = defaultLr;
            this.weightDecay = defaultWeightDecay;
            groups.add(group(params));
        }

        /** The learning rate of every group that does not set its own; must be > 0. */
        public B lr(double lr) {
            this.lr = Check.positive(name, "lr", lr);
            return self();
        }

        /** The weight decay of every group that does not set its own; must be >= 0. */
        public B weightDecay(double weightDecay) {
            this.weightDecay = Check.nonNegative(name, "weightDecay", weightDecay);
            return self();
        }

        /** Adds a group with its own learning rate or weight decay (e.g. biases without decay). */
        public B addGroup(ParamGroup group) {
            groups.add(Objects.requireNonNull(group, () -> name + ".addGroup: group is null"));
            return self();
        }

        /** The optimizer, after checking the settings that depend on each other. */
        public abstract O build();

        @SuppressWarnings("unchecked")
        protected final B self() {
            return (B) this;
        }

        private ParamGroup group(List<Tensor> params) {
            Objects.requireNonNull(params, () -> name + ".builder: params is null; pass the list of tensors to optimize");
            return ParamGroup.of(params);
        }
    }
}
