package org.hopfield4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hopfield4j.internal.Check;

/**
 * An entry of a registry of kinds ({@link MapKind}, {@link Similarity.Kind}): its value in the
 * native public header {@code hopfield4j_kinds.h}, its one name on the command line and in the DSL,
 * and the other names accepted when parsing.
 */
public interface RegisteredKind {
    /** The names and native code of an entry. */
    record Names(int nativeCode, String label, List<String> aliases) {
        /** An entry with value {@code nativeCode}, name {@code label} and the given aliases. */
        public static Names of(int nativeCode, String label, String... aliases) {
            return new Names(nativeCode, label, List.of(aliases));
        }
    }

    /** This entry's names and native code. */
    Names names();

    /** The value of this entry in its native enum. */
    default int nativeCode() {
        return names().nativeCode();
    }

    /** The one name on the command line and in the DSL (lowercase). */
    default String label() {
        return names().label();
    }

    /** Other names the parsers accept for this entry. */
    default List<String> aliases() {
        return names().aliases();
    }

    /**
     * The entry among {@code candidates} whose label or alias is {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException "unknown WHAT 'name', expected one of ..." (every accepted name)
     */
    static <K extends RegisteredKind> K parse(String what, String name, List<K> candidates) {
        Check.notNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (K k : candidates) {
            if (k.label().equals(key) || k.aliases().contains(key)) return k;
        }
        List<String> accepted = new ArrayList<>();
        for (K k : candidates) {
            accepted.add(k.aliases().isEmpty() ? k.label() : k.label() + " (alias " + String.join(", ", k.aliases()) + ")");
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "', expected one of "
                + String.join(", ", accepted));
    }
}
