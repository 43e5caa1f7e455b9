package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;

/** Test input files. */
final class NpyFixtures {
    private NpyFixtures() {}

    static double[] gaussian(int size, long seed, double scale) {
        Random random = new Random(seed);
        double[] z = new double[size];
        for (int i = 0; i < size; i++) {
            z[i] = scale * random.nextGaussian();
        }
        return z;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static Path write(Path file, NpyArray array) throws IOException {
        Npy.write(file, array);
        return file;
    }

    /**
     * A well-formed float32 .npy file of any rank, written by hand (NpyArray holds only 1-D and 2-D):
     * version 1.0 header padded to 64 bytes, then zeros.
     */
    static Path rawFloat32(Path file, int... shape) throws IOException {
        return raw(file, "<f4", 4, shape);
    }

    /** As {@link #rawFloat32}, with any numpy type descriptor (e.g. "<i8") of {@code itemSize} bytes. */
    static Path raw(Path file, String descr, int itemSize, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        long count = 1;
        for (int d : shape) {
            dims.append(d).append(", ");
            count *= d;
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + (int) count * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(file, buf.array());
        return file;
    }
}
