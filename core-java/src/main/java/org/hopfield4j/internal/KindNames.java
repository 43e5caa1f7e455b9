package org.hopfield4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsing a kind of a registry (maps, similarities) by its one name or an alias, case-insensitive,
 * with the message that lists every accepted name when none matches.
 *
 * <p>Not part of the public API.
 */
public final class KindNames {
    private KindNames() {}

    /**
     * The kind among {@code candidates} whose label or alias is {@code name}.
     *
     * @throws IllegalArgumentException "unknown WHAT 'name', expected one of ..." otherwise
     */
    public static <K> K parse(String what, String name, List<K> candidates, Function<K, String> label,
                              Function<K, List<String>> aliases) {
        Check.notNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (K k : candidates) {
            if (label.apply(k).equals(key) || aliases.apply(k).contains(key)) return k;
        }
        List<String> accepted = new ArrayList<>();
        for (K k : candidates) {
            List<String> a = aliases.apply(k);
            accepted.add(a.isEmpty() ? label.apply(k) : label.apply(k) + " (alias " + String.join(", ", a) + ")");
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "', expected one of "
                + String.join(", ", accepted));
    }
}
