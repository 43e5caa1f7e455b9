package org.hopfield4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The command-line / DSL names (labels) of enums: one rule for every such type, so that a label is
 * the constant's name in lower case with dashes, and parsing accepts any case and surrounding blanks
 * and rejects an unknown name with the list of the known ones.
 *
 * <p>Not part of the public API.
 */
public final class Labels {
    private Labels() {}

    /** The label of an enum constant: its name in lower case with '-' for '_' (UNIT_L2 is unit-l2). */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code values} whose label is {@code name}.
     *
     * @param what the kind of thing, for the message ("model", "masking")
     * @throws IllegalArgumentException "unknown what 'name': expected one of a, b, c"
     */
    public static <E> E named(E[] values, Function<E, String> label, String name, String what) {
        for (E v : values) {
            if (name != null && label.apply(v).equalsIgnoreCase(name.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': expected one of "
                + String.join(", ", labels(values, label)));
    }

    /** The labels of {@code values}, in order. */
    public static <E> List<String> labels(E[] values, Function<E, String> label) {
        List<String> all = new ArrayList<>();
        for (E v : values) {
            all.add(label.apply(v));
        }
        return all;
    }
}
