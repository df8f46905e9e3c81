package io.jgrad.testkit;

import io.jgrad.core.CustomFunction;
import io.jgrad.core.Tensor;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Acceptance: a deliberately wrong backward rule in a test-only {@link CustomFunction} is caught
 * by the kit, and jqwik shrinks the counter-example to a tiny one.
 *
 * <p>Each property here is written as a user would write it and is expected to fail. The
 * {@link ExpectCaught} hook runs it, requires that it failed with the kit's assertion, inspects the
 * shrunk sample through jqwik's {@link PropertyExecutionResult}, and only then reports success;
 * anything else (the bug not caught, another error, a large counter-example) fails the test.
 */
class WrongBackwardIsCaughtTest {

    /** x³ whose backward forgets the square: grad·3x instead of grad·3x² (right only at 0 and 1). */
    static final class CubeMissingSquare extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0]);
            return in[0].mul(in[0]).mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.mul(ctx.saved(0).mul(3.0))};
        }
    }

    /**
     * a·b whose backward averages b's gradient over the copies broadcasting made, instead of adding
     * them: right whenever b is not broadcast, so only a shape with broadcasting reveals it.
     */
    static final class MulAveragingBroadcast extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0], in[1]);
            return in[0].mul(in[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0), b = ctx.saved(1);
            double copies = (double) grad.size() / b.size();
            return new Tensor[] {grad.mul(b), grad.mul(a).div(copies)};
        }
    }

    /** The most elements the shrunk counter-example may have, over all inputs, and whether it must broadcast. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface ShrinksTo {
        int maxElements();

        boolean broadcast() default false;
    }

    @Property(tries = 100, afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(ExpectCaught.class)
    @ShrinksTo(maxElements = 1)
    void cubeMissingSquare(@ForAll("single") List<Tensor> x) {
        GradientProperties.matchesCentralDifferences(in -> new CubeMissingSquare().apply(in.get(0)), x);
    }

    @Property(tries = 100, afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(ExpectCaught.class)
    @ShrinksTo(maxElements = 3, broadcast = true)
    void mulAveragingBroadcast(@ForAll("pairs") List<Tensor> ab) {
        GradientProperties.matchesCentralDifferences(in -> new MulAveragingBroadcast().apply(in.get(0), in.get(1)), ab);
    }

    @Provide
    Arbitrary<List<Tensor>> single() {
        return TensorArbitraries.tensors(Domain.any()).map(List::of);
    }

    @Provide
    Arbitrary<List<Tensor>> pairs() {
        return TensorArbitraries.broadcastPairs(Domain.any());
    }

    /** Turns "failed through the kit with a small shrunk sample" into success, and everything else into failure. */
    static final class ExpectCaught implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            ShrinksTo expected = context.findAnnotation(ShrinksTo.class).orElseThrow();
            if (result.status() != PropertyExecutionResult.Status.FAILED) {
                return result.mapToFailed("the wrong backward rule was not caught: the property ended " + result.status());
            }
            Throwable error = result.throwable().orElseThrow();
            if (!(error instanceof AssertionError) || !error.getMessage().startsWith("the gradient from autograd")) {
                return result.mapToFailed(new AssertionError("expected the kit's gradient assertion, got " + error, error));
            }
            // jqwik reports no shrunk sample when the first failing sample could not be shrunk at all.
            FalsifiedSample falsified = result.shrunkSample().map(FalsifiedSample.class::cast)
                    .or(result::originalSample).orElseThrow();
            List<?> sample = (List<?>) falsified.parameters().get(0);
            String problem = problem(sample, expected);
            return problem == null ? result.mapToSuccessful()
                    : result.mapToFailed("shrunk counter-example " + sample + ": " + problem);
        }

        private static String problem(List<?> sample, ShrinksTo expected) {
            int elements = 0;
            for (Object t : sample) {
                elements += ((Tensor) t).size();
            }
            if (elements > expected.maxElements()) {
                return elements + " elements, expected at most " + expected.maxElements();
            }
            boolean broadcasts = !((Tensor) sample.get(0)).shape().equals(((Tensor) sample.get(sample.size() - 1)).shape());
            if (expected.broadcast() && !broadcasts) {
                return "the operands have the same shape, but the bug needs broadcasting to show";
            }
            return null;
        }
    }
}
