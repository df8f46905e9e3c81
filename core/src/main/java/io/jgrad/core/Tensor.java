package io.jgrad.core;

import io.jgrad.core.kernels.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * An n-dimensional array of doubles that records the operations applied to it, so that gradients
 * can be computed by {@link #backward()}.
 *
 * <p>Storage is one contiguous row-major {@code double[]}. Every operation returns a new tensor; a
 * tensor that {@link #requiresGrad()} (or was computed from one while recording is on) remembers
 * the operation that made it ({@link #isLeaf()} is false for those). Binary operations broadcast
 * like NumPy and PyTorch.
 *
 * <pre>{@code
 * Tensor w = Tensor.of(new double[]{1, 2, 3}, 3).requiresGrad(true);
 * Tensor loss = w.mul(w).sum();
 * loss.backward();
 * w.grad();   // [2, 4, 6]
 * }</pre>
 */
public final class Tensor {
    /** A handle that removes a hook registered with {@link #registerHook}. */
    @FunctionalInterface
    public interface HookHandle {
        /** Unregisters the hook; later backward passes no longer call it. */
        void remove();
    }

    /** Counts in-place changes; shared by tensors that share storage (reshape, detach). */
    private static final class Version {
        int value;
        /**
         * Set once the storage is known to be referred to from a graph (saved by an op, or handed to
         * backward as a gradient by the caller or a hook): backward then never adds into it while
         * the pass runs, because a later backward rule may still read it.
         */
        boolean pinned;
    }

    final double[] data;
    private final Shape shape;
    private final Version version;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private List<UnaryOperator<Tensor>> hooks;

    private Tensor(double[] data, Shape shape, Version version) {
        this.data = data;
        this.shape = shape;
        this.version = version;
    }

    /** Wraps {@code data} without copying: the array must not be used elsewhere. */
    static Tensor wrap(double[] data, Shape shape) {
        return new Tensor(data, shape, new Version());
    }

    /** A tensor that shares this one's storage and version counter, with another shape. */
    Tensor view(Shape newShape) {
        return new Tensor(data, newShape, version);
    }

    // ---------------------------------------------------------------- factories

    /**
     * A tensor holding a copy of {@code data} (row-major) with the given shape; without a shape it
     * is 1-D.
     */
    public static Tensor of(double[] data, int... shape) {
        Objects.requireNonNull(data, "Tensor.of: data is null; pass an array of values");
        Objects.requireNonNull(shape, "Tensor.of: shape is null");
        return of(data, shape.length == 0 ? Shape.of(data.length) : Shape.of(shape));
    }

    /** A tensor with shape {@code s} (which may be the scalar shape) holding a copy of {@code data}. */
    public static Tensor of(double[] data, Shape s) {
        Objects.requireNonNull(data, "Tensor.of: data is null; pass an array of values");
        Objects.requireNonNull(s, "Tensor.of: s is null; pass a Shape");
        if (s.size() != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape " + s
                    + " (which holds " + s.size() + "); pass exactly " + s.size() + " values or another shape");
        }
        return wrap(data.clone(), s);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        NullChecks.elements(rows, "Tensor.of", "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("Tensor.of: need at least one row; use Tensor.zeros(0, n) for an empty matrix");
        }
        int cols = rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return wrap(d, Shape.of(rows.length, cols));
    }

    /** A 0-dimensional tensor (shape {@code []}). */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value}, Shape.scalar());
    }

    /** A tensor of zeros with the given shape (no dimensions: a scalar; a 0 dimension: empty). */
    public static Tensor zeros(int... shape) {
        Objects.requireNonNull(shape, "Tensor.zeros: shape is null");
        return full(0.0, shape);
    }

    /** A tensor of ones with the given shape. */
    public static Tensor ones(int... shape) {
        Objects.requireNonNull(shape, "Tensor.ones: shape is null");
        return full(1.0, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        Objects.requireNonNull(shape, "Tensor.full: shape is null");
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        if (value != 0.0) {
            Arrays.fill(d, value);
        }
        return wrap(d, s);
    }

    /** Zeros with the shape of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        Objects.requireNonNull(like, "Tensor.zerosLike: like is null");
        return wrap(new double[like.size()], like.shape);
    }

    /** Standard normal samples drawn from {@code rng} (seed it for reproducible results). */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.randn: rng is null; pass a seeded generator, e.g. new MersenneTwister(42)");
        Objects.requireNonNull(shape, "Tensor.randn: shape is null");
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return wrap(d, s);
    }

    /** Uniform samples in [0, 1) drawn from {@code rng}. */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.rand: rng is null; pass a seeded generator, e.g. new MersenneTwister(42)");
        Objects.requireNonNull(shape, "Tensor.rand: shape is null");
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble();
        }
        return wrap(d, s);
    }

    // ---------------------------------------------------------------- accessors

    /** The dimensions of this tensor ({@code []} for a scalar). */
    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Number of dimensions (0 for a scalar). */
    public int dim() {
        return shape.rank();
    }

    /** A copy of the values, row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * The backing array itself, row-major, without copying: read it, never write it (use
     * {@link #mutableData()} to change values in place).
     */
    public double[] data() {
        return data;
    }

    /**
     * The backing array, for an in-place update (optimizers, initialisation). Counts as a change: any
     * op that saved this tensor for backward will refuse to run backward with the changed values.
     */
    public double[] mutableData() {
        version.value++;
        return data;
    }

    /** How many times this storage was changed in place. */
    public int version() {
        return version.value;
    }

    /** Marks the storage as referred to from a graph: backward never adds a gradient into it mid-pass. */
    void pin() {
        version.pinned = true;
    }

    boolean pinned() {
        return version.pinned;
    }

    /** The only value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + data.length
                    + " elements; item() needs exactly one (reduce it first, e.g. sum() or mean())");
        }
        return data[0];
    }

    /** The value at the given index (one coordinate per dimension). */
    public double get(int... index) {
        Objects.requireNonNull(index, "get: index is null");
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape " + shape
                    + "; give one index per dimension");
        }
        int off = 0;
        int[] dims = shape.dimsUnsafe();
        for (int i = 0; i < index.length; i++) {
            int ix = index[i] < 0 ? index[i] + dims[i] : index[i];
            if (ix < 0 || ix >= dims[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " is out of range for dimension " + i
                        + " of shape " + shape);
            }
            off = off * dims[i] + ix;
        }
        return data[off];
    }

    // ---------------------------------------------------------------- autograd state

    /**
     * Marks a leaf tensor as a parameter whose gradient backward should compute; returns this.
     *
     * @throws IllegalStateException on a tensor computed by a recorded op (use {@link #detach()})
     */
    public Tensor requiresGrad(boolean requires) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requiresGrad; this one was"
                    + " computed by " + gradFn.name + " — use detach() to get a leaf");
        }
        this.requiresGrad = requires;
        return this;
    }

    /** Whether gradients flow to this tensor: a parameter, or computed from one while recording. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True unless this tensor was computed by a recorded operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient, or {@code null} before any backward reached this leaf (as in PyTorch). */
    public Tensor grad() {
        return grad;
    }

    /**
     * Sets the accumulated gradient to zero in place and keeps its storage, so that the next backward
     * adds into it instead of allocating a new one (PyTorch 1.x's {@code zero_grad()}): anyone holding
     * {@link #grad()} sees the zeros. Before any backward it does nothing, so {@link #grad()} stays
     * {@code null}. A gradient computed under {@code createGraph} (it has a graph of its own, which
     * must not change) is replaced by a new zero tensor instead.
     */
    public void zeroGrad() {
        if (grad == null) {
            return;
        }
        if (grad.gradFn == null) {
            // A large gradient in the ranges of the optimizer's update: each core zeroes what it holds.
            Parallel.zero(grad.mutableData());
        } else {
            grad = zerosLike(this);
        }
    }

    /**
     * Forgets the accumulated gradient: {@link #grad()} is {@code null} until the next backward, which
     * then allocates a new one (PyTorch's {@code set_to_none}). An optimizer skips a parameter whose
     * gradient is {@code null}, whereas a zeroed one still moves it (momentum, weight decay).
     */
    public void clearGrad() {
        grad = null;
    }

    /**
     * A leaf tensor sharing this one's values, cut off from the graph (no gradient flows back). It
     * also shares the version counter: changing it in place counts as changing this tensor.
     */
    public Tensor detach() {
        return new Tensor(data, shape, version);
    }

    /** A leaf tensor with a copy of the values. */
    public Tensor copy() {
        return wrap(data.clone(), shape);
    }

    /** Name of the op that produced this tensor, or {@code "leaf"}. */
    public String opName() {
        return gradFn == null ? "leaf" : gradFn.name;
    }

    /**
     * Registers a function that sees, and may replace, the gradient flowing into this tensor during
     * backward and {@link Autograd#grad}: it gets the total gradient of this tensor once per pass
     * (for a leaf: before it is accumulated into {@link #grad()}). Return a tensor of the same shape
     * to replace the gradient, or {@code null} to keep it. Hooks run in registration order; an
     * exception thrown by a hook ends the backward pass and reaches the caller.
     *
     * @throws IllegalStateException if this tensor does not require grad
     */
    public HookHandle registerHook(UnaryOperator<Tensor> hook) {
        Objects.requireNonNull(hook, "registerHook: hook is null");
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: tensor of shape " + shape
                    + " does not require grad, so no gradient will ever flow into it");
        }
        if (hooks == null) {
            hooks = new ArrayList<>(1);
            if (gradFn != null) {
                gradFn.outputHooks = hooks;
            }
        }
        hooks.add(hook);
        List<UnaryOperator<Tensor>> list = hooks;
        return () -> list.remove(hook);
    }

    Node gradFn() {
        return gradFn;
    }

    List<UnaryOperator<Tensor>> hooks() {
        return hooks;
    }

    void attach(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    void setGrad(Tensor g) {
        this.grad = g;
    }

    // ---------------------------------------------------------------- backward

    /**
     * Computes the gradient of this one-element tensor with respect to every leaf that requires
     * grad and adds it to their {@link #grad()}. The graph's saved tensors are freed afterwards, so a
     * second backward through it fails; see {@link #backward(Tensor, boolean)} to keep them.
     *
     * @throws IllegalStateException if this tensor has more than one element or does not require grad
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward: the output has shape " + shape
                    + "; backward() without a gradient needs a one-element output — reduce it (sum(), mean())"
                    + " or call backward(gradOutput) with a gradient of shape " + shape);
        }
        backward(wrap(new double[] {1.0}, shape), false);
    }

    /**
     * Backward seeded with {@code gradOutput} (same shape as this tensor): adds the vector-Jacobian
     * product {@code gradOutputᵀ · ∂this/∂leaf} to each leaf's {@link #grad()}.
     */
    public void backward(Tensor gradOutput) {
        backward(gradOutput, false);
    }

    /**
     * Backward seeded with {@code gradOutput}; with {@code retainGraph} the saved tensors are kept so
     * that the graph can be used again (gradients then accumulate once more).
     *
     * @throws IllegalArgumentException if {@code gradOutput} has another shape than this tensor
     * @throws IllegalStateException if this tensor does not require grad, the graph was released by
     *     an earlier backward, or a tensor saved for backward was modified in place since
     */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Objects.requireNonNull(gradOutput, "backward: gradOutput is null; use backward() for a one-element output");
        Engine.backward(this, gradOutput, retainGraph);
    }

    // ---------------------------------------------------------------- element-wise

    /** Element-wise sum with NumPy broadcasting. */
    public Tensor add(Tensor other) {
        Objects.requireNonNull(other, "add: other is null");
        return Add.apply(this, other);
    }

    /** Adds the constant {@code c} to every element. */
    public Tensor add(double c) {
        return Add.apply(this, scalar(c));
    }

    /** Element-wise difference with NumPy broadcasting. */
    public Tensor sub(Tensor other) {
        Objects.requireNonNull(other, "sub: other is null");
        return Sub.apply(this, other);
    }

    /** Subtracts the constant {@code c} from every element. */
    public Tensor sub(double c) {
        return Add.apply(this, scalar(-c));
    }

    /** Element-wise product with NumPy broadcasting. */
    public Tensor mul(Tensor other) {
        Objects.requireNonNull(other, "mul: other is null");
        return Mul.apply(this, other);
    }

    /** Multiplies every element by the constant {@code c}. */
    public Tensor mul(double c) {
        return Mul.apply(this, scalar(c));
    }

    /** Element-wise quotient with NumPy broadcasting (division by 0 gives ±∞ or NaN). */
    public Tensor div(Tensor other) {
        Objects.requireNonNull(other, "div: other is null");
        return Div.apply(this, other);
    }

    /** Divides every element by the constant {@code c}. */
    public Tensor div(double c) {
        return Div.apply(this, scalar(c));
    }

    /** −x element-wise. */
    public Tensor neg() {
        return Neg.apply(this);
    }

    /** Element-wise power with a constant exponent. */
    public Tensor pow(double exponent) {
        return Pow.apply(this, exponent);
    }

    /** eˣ element-wise. */
    public Tensor exp() {
        return Exp.apply(this);
    }

    /** Natural logarithm: −∞ at 0 and NaN below, as in PyTorch. */
    public Tensor log() {
        return Log.apply(this);
    }

    /** √x element-wise: NaN below 0, and an infinite gradient at 0 (as in PyTorch). */
    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    /** Absolute value; its gradient at 0 is 0. */
    public Tensor abs() {
        return Abs.apply(this);
    }

    /** max(x, 0); its gradient at 0 is 0. */
    public Tensor relu() {
        return Relu.apply(this);
    }

    /** x for x > 0, slope·x otherwise (so the gradient at 0 is slope). */
    public Tensor leakyRelu(double slope) {
        return LeakyRelu.apply(this, slope);
    }

    /** 1 / (1 + e⁻ˣ) element-wise, without overflow for large |x|. */
    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    /** Hyperbolic tangent element-wise. */
    public Tensor tanh() {
        return Tanh.apply(this);
    }

    /** log(1 + eˣ), computed stably for large |x|; its derivative is sigmoid(x). */
    public Tensor softplus() {
        return Softplus.apply(this);
    }

    /** Element-wise maximum of two tensors (broadcast); at ties each side gets half the gradient. */
    public Tensor maximum(Tensor other) {
        Objects.requireNonNull(other, "maximum: other is null");
        return Maximum.apply(this, other);
    }

    /** Limits values to [lo, hi]; the gradient passes where lo ≤ x ≤ hi (boundaries included). */
    public Tensor clamp(double lo, double hi) {
        return Clamp.apply(this, lo, hi);
    }

    // ---------------------------------------------------------------- linear algebra and shape

    /**
     * Matrix product with torch.matmul rules: 1-D × 1-D is a dot product; a 1-D operand is treated
     * as a row (left) or column (right) vector and that dimension removed from the result; N-D
     * operands are batches of matrices whose batch dimensions broadcast.
     */
    public Tensor matmul(Tensor other) {
        Objects.requireNonNull(other, "matmul: other is null");
        return MatMul.matmul(this, other);
    }

    /**
     * {@code this·weight + bias} in one pass, with this of shape [.., in], weight [in, out] and bias
     * [out]: the same values as {@code matmul(weight).add(bias)} without the intermediate product
     * (a dense layer's forward).
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        Objects.requireNonNull(weight, "linear: weight is null");
        Objects.requireNonNull(bias, "linear: bias is null");
        return Linear.apply(this, weight, bias, false);
    }

    /**
     * {@code linear(weight, bias).relu()} in one pass: the same values and gradients, with the ReLU
     * applied to the product's own array (a dense layer with a ReLU allocates one output, not two).
     */
    public Tensor linearRelu(Tensor weight, Tensor bias) {
        Objects.requireNonNull(weight, "linearRelu: weight is null");
        Objects.requireNonNull(bias, "linearRelu: bias is null");
        return Linear.apply(this, weight, bias, true);
    }

    /** Swaps the last two dimensions. */
    public Tensor transpose() {
        if (dim() < 2) {
            throw new IllegalArgumentException("transpose: needs at least 2 dimensions, got shape " + shape
                    + "; use transpose(d0, d1) or reshape to make a row or column first");
        }
        return Transpose.apply(this, dim() - 2, dim() - 1);
    }

    /** Swaps dimensions {@code d0} and {@code d1} (negative values count from the end). */
    public Tensor transpose(int d0, int d1) {
        return Transpose.apply(this, shape.normalizeAxis(d0, "transpose"), shape.normalizeAxis(d1, "transpose"));
    }

    /** The same values in another shape (row-major); one dimension may be -1 to be inferred. */
    public Tensor reshape(int... newShape) {
        Objects.requireNonNull(newShape, "reshape: newShape is null");
        return Reshape.apply(this, Reshape.resolve(shape, newShape));
    }

    /** Broadcasts to a larger shape (NumPy rules); the gradient sums back. */
    public Tensor expand(int... newShape) {
        Objects.requireNonNull(newShape, "expand: newShape is null");
        return Expand.apply(this, Expand.target(shape, newShape));
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (shape {@code []}). */
    public Tensor sum() {
        return SumTo.apply(this, Shape.scalar());
    }

    /** Sum along {@code axis}; with {@code keepDims} the axis stays with size 1. */
    public Tensor sum(int axis, boolean keepDims) {
        int ax = shape.normalizeAxis(axis, "sum");
        Tensor s = SumTo.apply(this, shape.with(ax, 1));
        return keepDims ? s : s.reshapeTo(shape.without(ax));
    }

    /** Mean of all elements. */
    public Tensor mean() {
        requireNonEmpty("mean");
        return sum().div(data.length);
    }

    /** Mean along {@code axis}. */
    public Tensor mean(int axis, boolean keepDims) {
        int n = shape.dim(shape.normalizeAxis(axis, "mean"));
        if (n == 0) {
            throw new IllegalArgumentException("mean: axis " + axis + " of shape " + shape + " is empty; the mean is undefined");
        }
        return sum(axis, keepDims).div(n);
    }

    /** Largest element; the gradient is shared equally among tied maxima. */
    public Tensor max() {
        return Max.apply(reshapeTo(Shape.of(data.length)), 0).reshapeTo(Shape.scalar());
    }

    /** Largest element along {@code axis}; the gradient is shared equally among tied maxima. */
    public Tensor max(int axis, boolean keepDims) {
        int ax = shape.normalizeAxis(axis, "max");
        Tensor m = Max.apply(this, ax);
        return keepDims ? m : m.reshapeTo(shape.without(ax));
    }

    /** log Σ exp(x) along {@code axis}, computed stably (the maximum is factored out). */
    public Tensor logSumExp(int axis, boolean keepDims) {
        int ax = shape.normalizeAxis(axis, "logSumExp");
        Tensor l = LogSumExp.apply(this, ax);
        return keepDims ? l : l.reshapeTo(shape.without(ax));
    }

    /** exp(x − logSumExp(x)) along {@code axis}: probabilities that sum to 1. */
    public Tensor softmax(int axis) {
        return LogSoftmax.apply(this, shape.normalizeAxis(axis, "softmax")).exp();
    }

    /** x − logSumExp(x) along {@code axis}: stable log-probabilities. */
    public Tensor logSoftmax(int axis) {
        return LogSoftmax.apply(this, shape.normalizeAxis(axis, "logSoftmax"));
    }

    /**
     * Cross-entropy of these logits [N, C] against integer labels [N] in [0, C), one loss per row
     * (PyTorch's {@code cross_entropy} with {@code reduction='none'}): −Σ_c q_c · logSoftmax(1)_c with
     * q = (1 − ε)·onehot(label) + ε/C, ε the label smoothing (0 for none). The same values as
     * {@code logSoftmax(1).gather(1, labels).neg()} (smoothed: blended with −{@code logSoftmax(1).mean(1,
     * false)}), computed as one op: its backward is softmax minus the targets, per row.
     */
    public Tensor crossEntropy(int[] labels, double labelSmoothing) {
        Objects.requireNonNull(labels, "crossEntropy: labels is null");
        return CrossEntropy.apply(this, labels, labelSmoothing);
    }

    /**
     * Index of the largest element along {@code axis} for every other position (row-major); the first
     * one at ties, and NaN counts as the largest (as torch.argmax, and consistent with {@link #max}).
     */
    public int[] argmax(int axis) {
        int ax = shape.normalizeAxis(axis, "argmax");
        int n = shape.dim(ax), outer = shape.outer(ax), inner = shape.inner(ax);
        if (n == 0) {
            throw new IllegalArgumentException("argmax: axis " + axis + " of shape " + shape + " is empty");
        }
        int[] out = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i, best = 0;
                for (int j = 1; j < n; j++) {
                    double v = data[base + j * inner], top = data[base + best * inner];
                    if (v > top || Double.isNaN(v) && !Double.isNaN(top)) {
                        best = j;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- indexing

    /** The slices at {@code indices} along {@code axis} (rows of a mini-batch for axis 0). */
    public Tensor indexSelect(int axis, int... indices) {
        Objects.requireNonNull(indices, "indexSelect: indices is null");
        return IndexSelect.apply(this, shape.normalizeAxis(axis, "indexSelect"), indices);
    }

    /**
     * One element along {@code axis} for every other position: {@code out[..] = x[.., index[..], ..]};
     * the result drops {@code axis}. With logits [N, C] and labels [N], {@code gather(1, labels)} picks
     * each row's label entry.
     */
    public Tensor gather(int axis, int... index) {
        Objects.requireNonNull(index, "gather: index is null");
        return Gather.apply(this, shape.normalizeAxis(axis, "gather"), index);
    }

    // ---------------------------------------------------------------- comparison and printing

    /**
     * Same shape and |a − b| ≤ atol + rtol·|b| element-wise, with {@code other} as the reference b;
     * NaNs equal only NaN and infinities only the same infinity (as NumPy's {@code allclose}).
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        Objects.requireNonNull(other, "allClose: other is null");
        if (!shape.equals(other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            double a = data[i], b = other.data[i];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    return false;
                }
            } else if (Double.isInfinite(a) || Double.isInfinite(b)) {
                // rtol·|b| would be infinite and accept any value: only an equal infinity is close.
                if (a != b) {
                    return false;
                }
            } else if (a != b && !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(Tensor, double, double)} with rtol = 1e-10 and atol = 1e-12. */
    public boolean allClose(Tensor other) {
        Objects.requireNonNull(other, "allClose: other is null");
        return allClose(other, 1e-10, 1e-12);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(shape=").append(shape).append(", ");
        TensorFormat.appendValues(sb, data, shape.dimsUnsafe());
        if (gradFn != null) {
            sb.append(", gradFn=").append(gradFn.name);
        } else if (requiresGrad) {
            sb.append(", requiresGrad");
        }
        return sb.append(')').toString();
    }

    Tensor reshapeTo(Shape s) {
        return Reshape.apply(this, s);
    }

    private void requireNonEmpty(String op) {
        if (data.length == 0) {
            throw new IllegalArgumentException(op + ": tensor of shape " + shape + " is empty; the result is undefined");
        }
    }
}
