package io.jgrad.testkit;

/**
 * Limits for generated shapes: the rank lies in [minRank, maxRank] and every dimension in [minDim,
 * maxDim]. The defaults (rank 0 to 3, dimensions 1 to 4) reach scalars, vectors, matrices and
 * batches of matrices while keeping a check cheap: at most 64 elements, each needing two forward
 * evaluations for its central difference.
 */
public record ShapeBounds(int minRank, int maxRank, int minDim, int maxDim) {
    public ShapeBounds {
        if (minRank < 0 || maxRank < minRank || minDim < 0 || maxDim < minDim || maxDim < 1) {
            throw new IllegalArgumentException("ShapeBounds: need 0 <= minRank <= maxRank and 0 <= minDim <= maxDim"
                    + " with maxDim >= 1; got ranks " + minRank + ".." + maxRank + ", dims " + minDim + ".." + maxDim);
        }
    }

    /** Rank 0 to 3, dimensions 1 to 4. */
    public static ShapeBounds defaults() {
        return new ShapeBounds(0, 3, 1, 4);
    }

    /** These bounds with the rank in [min, max]. */
    public ShapeBounds ranks(int min, int max) {
        return new ShapeBounds(min, max, minDim, maxDim);
    }

    /** These bounds with every dimension in [min, max] (0 allows empty tensors). */
    public ShapeBounds dims(int min, int max) {
        return new ShapeBounds(minRank, maxRank, min, max);
    }
}
