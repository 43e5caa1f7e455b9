package org.hopfield4j.io;

/**
 * How {@link Npy#read(java.nio.file.Path, NpyReadOptions)} converts what it reads
 * (docs/formats.md#npy-dtypes). {@link #DEFAULT} keeps every value as it is.
 *
 * @param scaleUint8 divide {@code uint8} data by 255, so that images saved by numpy in [0, 255] are read
 *     in [0, 1] like the float images hopfield4j's data sets hold; other types are never scaled
 */
public record NpyReadOptions(boolean scaleUint8) {
    /** Values as they are in the file. */
    public static final NpyReadOptions DEFAULT = new NpyReadOptions(false);

    /** {@code uint8} values v read as v / 255 (correctly rounded to float32); other types as they are. */
    public static NpyReadOptions scalingUint8() {
        return new NpyReadOptions(true);
    }
}
