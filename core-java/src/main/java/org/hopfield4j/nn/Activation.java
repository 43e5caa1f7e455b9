package org.hopfield4j.nn;

/**
 * An elementwise activation: ReLU, or GELU in its tanh form
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (PyTorch's {@code approximate="tanh"}; Java has no erf).
 */
public final class Activation extends RowwiseLayer {
    /** The function and its derivative. */
    public enum Function {
        RELU("relu") {
            @Override
            double value(double x) {
                return x > 0 ? x : 0;
            }

            @Override
            double derivative(double x) {
                return x > 0 ? 1 : 0;
            }
        },
        GELU("gelu") {
            private static final double C = 0.7978845608028654; // √(2/π)

            @Override
            double value(double x) {
                return 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x * x * x)));
            }

            @Override
            double derivative(double x) {
                double t = Math.tanh(C * (x + 0.044715 * x * x * x));
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x);
            }
        };

        private final String label;

        Function(String label) {
            this.label = label;
        }

        abstract double value(double x);

        abstract double derivative(double x);
    }

    private final Function function;

    public Activation(Function function) {
        this.function = java.util.Objects.requireNonNull(function, "function");
    }

    public static Activation relu() {
        return new Activation(Function.RELU);
    }

    public static Activation gelu() {
        return new Activation(Function.GELU);
    }

    @Override
    double[] forwardRows(double[] x, int rows, boolean training) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = function.value(x[i]);
        return y;
    }

    @Override
    double[] backwardRows(double[] dy, double[] x, int rows) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) dx[i] = dy[i] * function.derivative(x[i]);
        return dx;
    }

    @Override
    public String kind() {
        return function.label;
    }
}
