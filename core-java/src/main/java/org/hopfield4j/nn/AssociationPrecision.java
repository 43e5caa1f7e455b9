package org.hopfield4j.nn;

import org.hopfield4j.Precision;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.AssociationCall;
import org.hopfield4j.nativelib.HopfieldNative.FenchelYoungCall;
import org.hopfield4j.nativelib.HopfieldNative.RetrievalGradientCall;

/**
 * The two element types of the differentiable kernels ({@code float[]} for float32, {@code double[]}
 * for float64) behind one interface, so {@link Association}, {@link RetrievalGradient} and
 * {@link FenchelYoungLoss} are written once: array handling, validation of the values, and the
 * native entry points of {@code hopfield4j_nn.h} (every argument already validated).
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
abstract sealed class AssociationPrecision<A> {
    static final AssociationPrecision<float[]> F32 = new F32();
    static final AssociationPrecision<double[]> F64 = new F64();

    abstract Precision precision();

    abstract int length(A a);

    abstract A allocate(int length);

    /** The parts one after the other, in one new array. */
    abstract A pack(java.util.List<A> parts);

    /** A copy of a[from, from + length). */
    abstract A slice(A a, int from, int length);

    /** Every value finite, else the (row, column) of the first bad one. */
    abstract void checkFinite(String name, A a, int cols);

    /** The largest |value|. */
    abstract double maxAbs(A a);

    /** a *= factor, in place. */
    abstract void scale(A a, double factor);

    abstract int associationForward(AssociationCall c, A qkv, boolean[] mask, boolean[] keep, A out, A ps,
                                    double[] scalars);

    abstract int associationBackward(AssociationCall c, A qkv, A ps, A dOut, boolean[] keep, A grads,
                                     double[] dScalars, double[] scalars);

    abstract int retrievalGradient(RetrievalGradientCall c, A inputs, boolean[] mask, A upstream, A states, A grads,
                                   double[] dScalars, double[] scalars);

    abstract int fenchelYoung(FenchelYoungCall c, A z, int[] target, double[] loss, A grad, double[] alpha);

    /** Turns the native status into an exception: -1 means working memory could not be allocated. */
    static void status(int status, String what) {
        if (status != 0) {
            throw new OutOfMemoryError(what + ": native working memory could not be allocated");
        }
    }

    static void enter() {
        NativeCalls.enter();
    }

    private static final class F32 extends AssociationPrecision<float[]> {
        @Override Precision precision() { return Precision.FLOAT32; }
        @Override int length(float[] a) { return a.length; }
        @Override float[] allocate(int length) { return new float[length]; }

        @Override
        float[] pack(java.util.List<float[]> parts) {
            int n = 0;
            for (float[] p : parts) n += p.length;
            float[] out = new float[n];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }

        @Override
        float[] slice(float[] a, int from, int length) {
            float[] out = new float[length];
            System.arraycopy(a, from, out, 0, length);
            return out;
        }

        @Override void checkFinite(String name, float[] a, int cols) { Check.finiteMatrix(name, a, cols); }

        @Override
        double maxAbs(float[] a) {
            float m = 0f;
            for (float v : a) m = Math.max(m, Math.abs(v));
            return m;
        }

        @Override
        void scale(float[] a, double factor) {
            for (int i = 0; i < a.length; i++) a[i] = (float) (a[i] * factor);
        }

        @Override
        int associationForward(AssociationCall c, float[] qkv, boolean[] mask, boolean[] keep, float[] out, float[] ps,
                               double[] scalars) {
            return HopfieldNative.association_forward_f32(c, qkv, mask, keep, out, ps, scalars);
        }

        @Override
        int associationBackward(AssociationCall c, float[] qkv, float[] ps, float[] dOut, boolean[] keep, float[] grads,
                                double[] dScalars, double[] scalars) {
            return HopfieldNative.association_backward_f32(c, qkv, ps, dOut, keep, grads, dScalars, scalars);
        }

        @Override
        int retrievalGradient(RetrievalGradientCall c, float[] inputs, boolean[] mask, float[] upstream, float[] states,
                              float[] grads, double[] dScalars, double[] scalars) {
            return HopfieldNative.retrieval_gradient_f32(c, inputs, mask, upstream, states, grads, dScalars, scalars);
        }

        @Override
        int fenchelYoung(FenchelYoungCall c, float[] z, int[] target, double[] loss, float[] grad, double[] alpha) {
            return HopfieldNative.fenchel_young_f32(c, z, target, loss, grad, alpha);
        }
    }

    private static final class F64 extends AssociationPrecision<double[]> {
        @Override Precision precision() { return Precision.FLOAT64; }
        @Override int length(double[] a) { return a.length; }
        @Override double[] allocate(int length) { return new double[length]; }

        @Override
        double[] pack(java.util.List<double[]> parts) {
            int n = 0;
            for (double[] p : parts) n += p.length;
            double[] out = new double[n];
            int at = 0;
            for (double[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }

        @Override
        double[] slice(double[] a, int from, int length) {
            double[] out = new double[length];
            System.arraycopy(a, from, out, 0, length);
            return out;
        }

        @Override void checkFinite(String name, double[] a, int cols) { Check.finiteMatrix(name, a, cols); }

        @Override
        double maxAbs(double[] a) {
            double m = 0;
            for (double v : a) m = Math.max(m, Math.abs(v));
            return m;
        }

        @Override
        void scale(double[] a, double factor) {
            for (int i = 0; i < a.length; i++) a[i] *= factor;
        }

        @Override
        int associationForward(AssociationCall c, double[] qkv, boolean[] mask, boolean[] keep, double[] out,
                               double[] ps, double[] scalars) {
            return HopfieldNative.association_forward_f64(c, qkv, mask, keep, out, ps, scalars);
        }

        @Override
        int associationBackward(AssociationCall c, double[] qkv, double[] ps, double[] dOut, boolean[] keep,
                                double[] grads, double[] dScalars, double[] scalars) {
            return HopfieldNative.association_backward_f64(c, qkv, ps, dOut, keep, grads, dScalars, scalars);
        }

        @Override
        int retrievalGradient(RetrievalGradientCall c, double[] inputs, boolean[] mask, double[] upstream,
                              double[] states, double[] grads, double[] dScalars, double[] scalars) {
            return HopfieldNative.retrieval_gradient_f64(c, inputs, mask, upstream, states, grads, dScalars, scalars);
        }

        @Override
        int fenchelYoung(FenchelYoungCall c, double[] z, int[] target, double[] loss, double[] grad, double[] alpha) {
            return HopfieldNative.fenchel_young_f64(c, z, target, loss, grad, alpha);
        }
    }
}
