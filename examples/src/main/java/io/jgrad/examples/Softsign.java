package io.jgrad.examples;

import io.jgrad.core.CustomFunction;
import io.jgrad.core.Tensor;

/**
 * softsign(x) = x / (1 + |x|), an S-shaped activation like tanh with slower tails, defined as a
 * user op: forward computes the value, backward multiplies the incoming gradient by the derivative
 * 1 / (1 + |x|)². Backward is written with tensor operations, so second derivatives work too.
 */
public final class Softsign extends CustomFunction {
    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Tensor x = inputs[0];
        ctx.save(x);
        return x.div(x.abs().add(1));
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor x = ctx.saved(0);
        Tensor denominator = x.abs().add(1);
        return new Tensor[] {gradOutput.div(denominator.mul(denominator))};
    }
}
