package org.hopfield4j.internal;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * Dispatches a separation map (by kind) to its native kernel. Arguments are already validated.
 *
 * <p>Not part of the public API.
 */
public final class SeparationKernels {
    /** Which kernel family; ENTMAX is the general root-finding one. */
    public enum Family { SOFTMAX, SPARSEMAX, ENTMAX15, ENTMAX }

    private SeparationKernels() {}

    public static void forward(Family f, float[] z, boolean[] mask, float[] p, int[] support,
                               int rows, int n, double beta, double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_f32(z, mask, p, support, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_f32(z, mask, p, support, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_f32(z, mask, p, support, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_f32(z, mask, p, support, rows, n, beta, alpha, alpha.length);
        }
    }

    public static void forward(Family f, double[] z, boolean[] mask, double[] p, int[] support,
                               int rows, int n, double beta, double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_f64(z, mask, p, support, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_f64(z, mask, p, support, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_f64(z, mask, p, support, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_f64(z, mask, p, support, rows, n, beta, alpha, alpha.length);
        }
    }

    public static void forward(Family f, FloatBuffer z, ByteBuffer mask, FloatBuffer p, IntBuffer support,
                               int rows, int n, double beta, double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_f32(z, mask, p, support, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_f32(z, mask, p, support, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_f32(z, mask, p, support, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_f32(z, mask, p, support, rows, n, beta,
                    alpha, alpha.length);
        }
    }

    public static void forward(Family f, DoubleBuffer z, ByteBuffer mask, DoubleBuffer p, IntBuffer support,
                               int rows, int n, double beta, double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_f64(z, mask, p, support, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_f64(z, mask, p, support, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_f64(z, mask, p, support, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_f64(z, mask, p, support, rows, n, beta,
                    alpha, alpha.length);
        }
    }

    public static void backward(Family f, float[] p, float[] g, float[] dz, int rows, int n, double beta,
                                double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_backward_f32(p, g, dz, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_backward_f32(p, g, dz, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_backward_f32(p, g, dz, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_backward_f32(p, g, dz, rows, n, beta, alpha, alpha.length);
        }
    }

    public static void backward(Family f, double[] p, double[] g, double[] dz, int rows, int n, double beta,
                                double[] alpha) {
        NativeCalls.enter();
        switch (f) {
            case SOFTMAX -> HopfieldNative.softmax_backward_f64(p, g, dz, rows, n, beta);
            case SPARSEMAX -> HopfieldNative.sparsemax_backward_f64(p, g, dz, rows, n, beta);
            case ENTMAX15 -> HopfieldNative.entmax15_backward_f64(p, g, dz, rows, n, beta);
            case ENTMAX -> HopfieldNative.entmax_backward_f64(p, g, dz, rows, n, beta, alpha, alpha.length);
        }
    }
}
