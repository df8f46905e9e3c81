package io.jgrad.optim;

import io.jgrad.core.NullChecks;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A group of parameters with its own learning rate and weight decay, added to an optimizer with
 * {@link Optimizer.Builder#addGroup}; a setting left empty takes the optimizer's value. The usual
 * use is to exempt biases (and normalisation scales) from weight decay:
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(weights).lr(1e-3).weightDecay(0.01)
 *         .addGroup(ParamGroup.of(biases).weightDecay(0))
 *         .build();
 * }</pre>
 *
 * @param params the tensors of this group (leaf tensors, each in one group only)
 * @param lr this group's learning rate, or empty for the optimizer's
 * @param weightDecay this group's weight decay, or empty for the optimizer's
 */
public record ParamGroup(List<Tensor> params, OptionalDouble lr, OptionalDouble weightDecay) {
    public ParamGroup {
        Objects.requireNonNull(lr, "ParamGroup: lr is null; use OptionalDouble.empty()");
        Objects.requireNonNull(weightDecay, "ParamGroup: weightDecay is null; use OptionalDouble.empty()");
        params = List.copyOf(NullChecks.elements(params, "ParamGroup", "params"));
    }

    /** A group of {@code params} that uses the optimizer's learning rate and weight decay. */
    public static ParamGroup of(List<Tensor> params) {
        NullChecks.elements(params, "ParamGroup.of", "params");
        return new ParamGroup(params, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** This group with its own learning rate (checked when the optimizer is built). */
    public ParamGroup lr(double lr) {
        return new ParamGroup(params, OptionalDouble.of(lr), weightDecay);
    }

    /** This group with its own weight decay (checked when the optimizer is built). */
    public ParamGroup weightDecay(double weightDecay) {
        return new ParamGroup(params, lr, OptionalDouble.of(weightDecay));
    }
}
