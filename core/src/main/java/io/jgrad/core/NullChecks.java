package io.jgrad.core;

import java.util.List;

/**
 * The null convention of jgrad's public API (core, nn and optim) in one place: a null argument, or a
 * null element of an array or list argument, is a {@link NullPointerException} whose message names
 * the method and the parameter ({@code "grad: inputs[2] is null"}), thrown before anything else
 * happens.
 */
public final class NullChecks {
    private NullChecks() {
    }

    /** {@code list} itself and every element are non-null; returns {@code list}. */
    public static <T> List<T> elements(List<T> list, String method, String param) {
        // No lambda for the message: a capturing lambda would allocate on every call of a hot path.
        if (list == null) {
            throw new NullPointerException(method + ": " + param + " is null");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(method + ": " + param + "[" + i + "] is null");
            }
        }
        return list;
    }

    /** {@code array} itself and every element are non-null; returns {@code array}. */
    public static <T> T[] elements(T[] array, String method, String param) {
        elements(array == null ? null : java.util.Arrays.asList(array), method, param);
        return array;
    }
}
