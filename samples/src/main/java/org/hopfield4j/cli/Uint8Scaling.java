package org.hopfield4j.cli;

import org.hopfield4j.io.NpyReadOptions;
import picocli.CommandLine.Option;

/**
 * {@code --scale-uint8}, for every command that reads arrays from {@code .npy}: numpy's natural
 * {@code uint8} images ({@code np.save("x.npy", images)}) read divided by 255, in [0, 1]
 * (docs/formats.md#npy-dtypes). Other types are read as they are, with or without the flag.
 */
final class Uint8Scaling {
    @Option(names = "--scale-uint8", order = 90,
            description = "Read uint8 .npy arrays divided by 255 (images in [0, 255] -> [0, 1]); other types unchanged.")
    boolean scale;

    /** How the command's {@code .npy} inputs are read. */
    NpyReadOptions readOptions() {
        return scale ? NpyReadOptions.scalingUint8() : NpyReadOptions.DEFAULT;
    }
}
