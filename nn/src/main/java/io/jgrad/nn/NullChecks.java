package io.jgrad.nn;

import java.util.List;

/**
 * The null convention of the public API (as in core): a null argument, or a null element of an
 * array or list argument, is a {@link NullPointerException} whose message names the method and the
 * parameter ({@code "Sequential: layers[1] is null"}), thrown before anything else happens.
 */
final class NullChecks {
    private NullChecks() {
    }

    /** {@code list} itself and every element are non-null; returns {@code list}. */
    static <T> List<T> elements(List<T> list, String method, String param) {
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
    static <T> T[] elements(T[] array, String method, String param) {
        elements(array == null ? null : java.util.Arrays.asList(array), method, param);
        return array;
    }
}
