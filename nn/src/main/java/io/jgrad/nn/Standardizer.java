package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/**
 * Per-feature standardisation (x − mean) / std, fitted on training features and then applied
 * unchanged to any other data, so no statistic of the test set leaks into training. The standard
 * deviation is the population one (divide by n, as scikit-learn's StandardScaler); a constant
 * feature has std 0 and is only centred.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** The means and standard deviations of the columns of {@code x} [n, f]. */
    public static Standardizer fit(Tensor x) {
        Objects.requireNonNull(x, "Standardizer.fit: x is null");
        if (x.dim() != 2 || x.shape().dim(0) == 0) {
            throw new IllegalArgumentException("Standardizer.fit: need features [n >= 1, f], got shape " + x.shape());
        }
        int n = x.shape().dim(0), f = x.shape().dim(1);
        double[] d = x.data(), mean = new double[f], std = new double[f];
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("Standardizer.fit: feature " + (i % f) + " of row " + (i / f)
                        + " is " + d[i] + "; statistics of non-finite features would turn every value of the column"
                        + " into NaN — clean or drop that row first");
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < f; c++) {
                mean[c] += d[r * f + c];
            }
        }
        for (int c = 0; c < f; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < f; c++) {
                double dev = d[r * f + c] - mean[c];
                std[c] += dev * dev;
            }
        }
        for (int c = 0; c < f; c++) {
            std[c] = Math.sqrt(std[c] / n);
        }
        return new Standardizer(mean, std);
    }

    /** The fitted standardisation of {@code x} [m, f] as a new tensor. */
    public Tensor transform(Tensor x) {
        Objects.requireNonNull(x, "Standardizer.transform: x is null");
        int f = mean.length;
        if (x.dim() != 2 || x.shape().dim(1) != f) {
            throw new IllegalArgumentException("Standardizer.transform: fitted on " + f
                    + " features, got shape " + x.shape() + "; pass [rows, " + f + "]");
        }
        double[] d = x.data(), out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            int c = i % f;
            out[i] = std[c] == 0.0 ? d[i] - mean[c] : (d[i] - mean[c]) / std[c];
        }
        return Tensor.of(out, x.shape());
    }

    /** {@code data} with standardised features. */
    public Dataset transform(Dataset data) {
        Objects.requireNonNull(data, "Standardizer.transform: data is null");
        return data.withFeatures(transform(data.features()));
    }

    /** The fitted means, one per feature (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted standard deviations, one per feature (a copy). */
    public double[] std() {
        return std.clone();
    }
}
