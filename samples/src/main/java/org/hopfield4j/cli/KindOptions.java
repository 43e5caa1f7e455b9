package org.hopfield4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hopfield4j.MapKind;
import org.hopfield4j.Similarity;
import org.hopfield4j.internal.Check;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line names of maps and similarities, all taken from the registries ({@link MapKind},
 * {@link Similarity.Kind}): picocli converters (case-insensitive, aliases accepted, an unknown name
 * lists the accepted ones) and completion candidates. A map or similarity added to a registry is on
 * the command line without a change here.
 */
final class KindOptions {
    private KindOptions() {}

    /** A converter through a registry parser: its message (the accepted names) becomes picocli's. */
    private abstract static class RegistryConverter<T> implements ITypeConverter<T> {
        private final Function<String, T> parser;

        RegistryConverter(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T convert(String value) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Any map of a retrieval step: the separation maps and poly. */
    static final class MapConverter extends RegistryConverter<MapKind> {
        MapConverter() {
            super(MapKind::named);
        }
    }

    /** A storage precision of a memory store (float32, float16, bfloat16, float64). */
    static final class StoragePrecisionConverter extends RegistryConverter<org.hopfield4j.StoragePrecision> {
        StoragePrecisionConverter() {
            super(org.hopfield4j.StoragePrecision::named);
        }
    }

    /** A separation map (not poly). */
    static final class SeparationConverter extends RegistryConverter<MapKind> {
        SeparationConverter() {
            super(MapKind::separationNamed);
        }
    }

    /** A similarity given by its name (the kernel comes with {@code --kernel}). */
    static final class SimilarityConverter extends RegistryConverter<Similarity> {
        SimilarityConverter() {
            super(Similarity::named);
        }
    }

    /** The map names, for ${COMPLETION-CANDIDATES}. */
    static final class MapLabels extends ArrayList<String> {
        MapLabels() {
            super(MapKind.labels(false));
        }
    }

    /** The separation map names. */
    static final class SeparationLabels extends ArrayList<String> {
        SeparationLabels() {
            super(MapKind.labels(true));
        }
    }

    /** The similarity names. */
    static final class SimilarityLabels extends ArrayList<String> {
        SimilarityLabels() {
            super(Similarity.Kind.namedLabels());
        }
    }

    /**
     * Checks {@code --alpha} and {@code --degree} against what {@code map} takes and returns its number
     * (α, n, or NaN for a map that takes none); {@code degree} is null when absent (or when the command
     * has no --degree), and then {@code defaultDegree} applies.
     */
    static double parameter(MapKind map, Double alpha, Double degree, double defaultDegree,
                            Function<String, RuntimeException> usage) {
        String name = "--map " + map.label();
        if (map.parameter() == MapKind.Parameter.ALPHA) {
            if (alpha == null) {
                throw usage.apply(name + " needs --alpha A (finite, > 1; 1.5 = entmax15, 2 = sparsemax)");
            }
            if (!(alpha > 1) || Double.isInfinite(alpha)) {
                throw usage.apply("--alpha must be finite and > 1, got " + alpha
                        + (alpha == 1.0 ? " (alpha = 1 is softmax: use --map softmax)" : ""));
            }
        } else if (alpha != null) {
            throw usage.apply("--alpha only applies to --map " + takingParameter(MapKind.Parameter.ALPHA) + ", not " + name);
        }
        if (map.parameter() == MapKind.Parameter.DEGREE) {
            if (degree != null) {
                try {
                    Check.positiveFinite("--degree", degree);
                } catch (IllegalArgumentException e) {
                    throw usage.apply(e.getMessage());
                }
            }
            return degree != null ? degree : defaultDegree;
        } else if (degree != null) {
            throw usage.apply("--degree only applies to --map " + takingParameter(MapKind.Parameter.DEGREE) + ", not " + name);
        }
        return map.parameter() == MapKind.Parameter.ALPHA ? alpha : Double.NaN;
    }

    /** The names of the maps that take the parameter (e.g. "entmax" for α). */
    static String takingParameter(MapKind.Parameter parameter) {
        List<String> out = new ArrayList<>();
        for (MapKind k : MapKind.values()) {
            if (k.parameter() == parameter) out.add(k.label());
        }
        return String.join(", ", out);
    }

    /** The names of the maps with an energy. */
    static String withEnergy() {
        List<String> out = new ArrayList<>();
        for (MapKind k : MapKind.values()) {
            if (k.hasEnergy()) out.add(k.label());
        }
        return String.join(", ", out);
    }
}
