package io.jgrad.optim;

import io.jgrad.core.NullChecks;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer, from {@link Optimizer#stateDict()}, that
 * {@link Optimizer#loadStateDict} restores so that training resumes with bit-identical results.
 * {@link OptimizerCheckpoint} writes it to a file. The parameters' values are not part of it: they
 * belong to the model and its own checkpoint, as in PyTorch.
 *
 * <p>It holds copies, never the optimizer's own arrays:
 * <ul>
 *   <li>{@code optimizer}: the rule's name ({@code "Adam"}, {@code "SGD"}, ...);
 *   <li>{@code hyperParameters}: the rule's fixed settings by name (booleans as 1.0 / 0.0), e.g.
 *       {@code beta1, beta2, eps, amsgrad} for Adam; a state loads only into an optimizer with the
 *       same values;
 *   <li>{@code groups}: per parameter group, in order, the current and initial learning rate, the
 *       weight decay and the number of parameters;
 *   <li>{@code params}: per parameter, groups in order and parameters in their order within each
 *       group, the number of steps that parameter took (steps without a gradient do not count)
 *       and its named state arrays (PyTorch's names: {@code exp_avg}, {@code exp_avg_sq},
 *       {@code momentum_buffer}, ...), empty before its first step.
 * </ul>
 *
 * @param optimizer the rule's name
 * @param hyperParameters the rule's fixed settings by name, in a stable order
 * @param groups the parameter groups in order
 * @param params the per-parameter state, all groups' parameters in order
 */
public record OptimizerState(String optimizer, Map<String, Double> hyperParameters, List<Group> groups,
        List<Param> params) {

    public OptimizerState {
        Objects.requireNonNull(optimizer, "OptimizerState: optimizer is null");
        Objects.requireNonNull(hyperParameters, "OptimizerState: hyperParameters is null");
        hyperParameters.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new NullPointerException("OptimizerState: hyperParameters has " + key + " = " + value
                        + "; every name and value must be given");
            }
        });
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        groups = List.copyOf(NullChecks.elements(groups, "OptimizerState", "groups"));
        params = List.copyOf(NullChecks.elements(params, "OptimizerState", "params"));
    }

    /**
     * One parameter group's learning rates, weight decay and size.
     *
     * @param lr the current learning rate (a schedule may have changed it)
     * @param initialLr the learning rate the group was built with, which schedules scale
     * @param weightDecay the group's weight decay
     * @param size how many parameters the group holds
     */
    public record Group(double lr, double initialLr, double weightDecay, int size) {
        public Group {
            // A restored infinite rate would turn every weight into ±∞ or NaN on the next step.
            boolean finite = Double.isFinite(lr) && Double.isFinite(initialLr) && Double.isFinite(weightDecay);
            if (!(lr >= 0 && initialLr >= 0 && weightDecay >= 0) || !finite || size < 0) {
                throw new IllegalArgumentException("OptimizerState.Group: lr " + lr + ", initialLr " + initialLr
                        + ", weightDecay " + weightDecay + " must be finite and >= 0, and size " + size + " must be >= 0");
            }
        }
    }

    /**
     * One parameter's step count and state arrays. The arrays are copied in and out, so neither
     * the caller nor the optimizer can change the other's; {@code equals} compares their values.
     *
     * @param step how many updates this parameter received
     * @param buffers the state arrays by name, in the order the rule defines them
     */
    public record Param(long step, Map<String, double[]> buffers) {
        public Param {
            if (step < 0) {
                throw new IllegalArgumentException("OptimizerState.Param: step must be >= 0, got " + step);
            }
            buffers = deepCopy(Objects.requireNonNull(buffers, "OptimizerState.Param: buffers is null"));
        }

        /** A copy of the state arrays by name. */
        @Override
        public Map<String, double[]> buffers() {
            return deepCopy(buffers);
        }

        /** The state arrays without copying, for the optimizer and the codec, which only read them. */
        Map<String, double[]> buffersView() {
            return buffers;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Param other) || step != other.step || !buffers.keySet().equals(other.buffers.keySet())) {
                return false;
            }
            for (Map.Entry<String, double[]> e : buffers.entrySet()) {
                if (!Arrays.equals(e.getValue(), other.buffers.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = Long.hashCode(step);
            for (Map.Entry<String, double[]> e : buffers.entrySet()) {
                h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Param[step=").append(step);
            buffers.forEach((name, values) -> sb.append(", ").append(name).append('[').append(values.length).append(']'));
            return sb.append(']').toString();
        }

        private static Map<String, double[]> deepCopy(Map<String, double[]> source) {
            Map<String, double[]> copy = new LinkedHashMap<>();
            source.forEach((name, values) -> copy.put(
                    Objects.requireNonNull(name, "OptimizerState.Param: a buffer name is null"),
                    Objects.requireNonNull(values, "OptimizerState.Param: buffer " + name + " is null").clone()));
            return Collections.unmodifiableMap(copy);
        }
    }
}
