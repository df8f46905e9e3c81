package io.jgrad.testkit;

import io.jgrad.core.Tensor;
import java.util.List;

/** Failure messages that name the inputs as Java expressions, so a counter-example can be pasted into a test. */
final class Reports {
    private Reports() {
    }

    /** The headline, the worst element's line, then every input (the worst one marked). */
    static String failure(String headline, String worstLine, List<Tensor> inputs, int worstInput) {
        StringBuilder sb = new StringBuilder(headline).append("\n  ").append(worstLine);
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            sb.append("\n  input ").append(i).append(' ').append(x.shape())
                    .append(i == worstInput ? " (worst): " : ": ").append(javaExpression(x));
        }
        return sb.toString();
    }

    /** {@code Tensor.scalar(v)} or {@code Tensor.of(new double[] {...}, dims)} with every digit kept. */
    static String javaExpression(Tensor x) {
        double[] v = x.data();
        if (x.dim() == 0) {
            return "Tensor.scalar(" + v[0] + ")";
        }
        StringBuilder sb = new StringBuilder("Tensor.of(new double[] {");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        sb.append('}');
        for (int d : x.shape().dims()) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /** A bound or margin without a trailing ".0" for whole numbers. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
