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

    /** The element type of a precision. */
    static AssociationPrecision<?> of(Precision precision) {
        return precision == Precision.FLOAT32 ? F32 : F64;
    }

    abstract Precision precision();

    final int length(A a) {
        return java.lang.reflect.Array.getLength(a);
    }

    abstract A allocate(int length);

    /** The parts one after the other, in one new array. */
    final A pack(java.util.List<A> parts) {
        int n = 0;
        for (A p : parts) n += length(p);
        A out = allocate(n);
        int at = 0;
        for (A p : parts) {
            System.arraycopy(p, 0, out, at, length(p));
            at += length(p);
        }
        return out;
    }

    /** A copy of a[from, from + length). */
    final A slice(A a, int from, int length) {
        A out = allocate(length);
        System.arraycopy(a, from, out, 0, length);
        return out;
    }

    /** The values as doubles, exactly: a new array, or a itself for float64. */
    abstract double[] toDoubles(A a);

    /**
     * The parts one after the other in one new array, with the largest |value| of each part in
     * {@code maxAbs} (NaN if the part holds a non-finite value): the activations of a layer that
     * already computes in this precision, packed and measured in one pass per part.
     */
    abstract A packMeasured(java.util.List<A> parts, double[] maxAbs);

    /** into += x elementwise; returns into. */
    abstract A addInto(A into, A x);

    /** max |a − b| elementwise. */
    abstract double maxChange(A a, A b);

    /** Every value finite, else the (row, column) of the first bad one. */
    abstract void checkFinite(String name, A a, int cols);

    abstract double get(A a, int i);

    /** a[i] = v, rounded to the element type. */
    abstract void set(A a, int i, double v);

    /**
     * The largest |value| of finite values (callers check finiteness first). The loops compare instead
     * of calling Math.max, whose NaN handling makes each step wait for the previous one (3× slower).
     */
    abstract double maxAbs(A a);

    /** a *= factor, in place. */
    final void scale(A a, double factor) {
        for (int i = 0, n = length(a); i < n; i++) set(a, i, get(a, i) * factor);
    }

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
        @Override float[] allocate(int length) { return new float[length]; }

        @Override void checkFinite(String name, float[] a, int cols) { Check.finiteMatrix(name, a, cols); }

        @Override
        double[] toDoubles(float[] a) {
            return FloatConversions.widened(a);
        }

        @Override
        float[] packMeasured(java.util.List<float[]> parts, double[] maxAbs) {
            int n = 0;
            for (float[] p : parts) n += p.length;
            float[] out = new float[n];
            int at = 0;
            for (int k = 0; k < parts.size(); k++) {
                float[] p = parts.get(k);
                enter();
                maxAbs[k] = HopfieldNative.copy_measured_f32(p, out, at, p.length);
                at += p.length;
            }
            return out;
        }

        @Override
        float[] addInto(float[] into, float[] x) {
            for (int i = 0; i < x.length; i++) into[i] += x[i];
            return into;
        }

        @Override
        double maxChange(float[] a, float[] b) {
            float m = 0;
            for (int i = 0; i < a.length; i++) {
                float d = Math.abs(a[i] - b[i]);
                m = d > m ? d : m;
            }
            return m;
        }

        @Override
        double maxAbs(float[] a) {
            float m = 0;
            for (float x : a) m = Math.abs(x) > m ? Math.abs(x) : m;
            return m;
        }

        @Override double get(float[] a, int i) { return a[i]; }
        @Override void set(float[] a, int i, double v) { a[i] = (float) v; }

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
        @Override double[] allocate(int length) { return new double[length]; }

        @Override void checkFinite(String name, double[] a, int cols) { Check.finiteMatrix(name, a, cols); }

        @Override double[] toDoubles(double[] a) { return a; }

        @Override
        double[] packMeasured(java.util.List<double[]> parts, double[] maxAbs) {
            for (int k = 0; k < parts.size(); k++) {
                double zero = 0;
                for (double x : parts.get(k)) zero += x * 0;   // NaN iff a value is NaN or infinite
                maxAbs[k] = Double.isNaN(zero) ? Double.NaN : maxAbs(parts.get(k));
            }
            return pack(parts);
        }

        @Override
        double[] addInto(double[] into, double[] x) {
            for (int i = 0; i < x.length; i++) into[i] += x[i];
            return into;
        }

        @Override
        double maxChange(double[] a, double[] b) {
            double m = 0;
            for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
            return m;
        }

        @Override
        double maxAbs(double[] a) {
            double m = 0;
            for (double x : a) m = Math.abs(x) > m ? Math.abs(x) : m;
            return m;
        }

        @Override double get(double[] a, int i) { return a[i]; }
        @Override void set(double[] a, int i, double v) { a[i] = v; }

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
