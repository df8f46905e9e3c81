package io.jgrad.core;

/** ln x (−∞ at 0, NaN below). Backward: grad / x. */
final class Log extends Node {
    private final Saved x;

    private Log(Tensor out, Tensor x) {
        super("log", out, x);
        this.x = save(x);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.log(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Log(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.div(x.get())};
    }
}
