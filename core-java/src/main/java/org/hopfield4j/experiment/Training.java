package org.hopfield4j.experiment;

import java.util.SplittableRandom;
import org.hopfield4j.nn.AdamW;
import org.hopfield4j.nn.Bags;
import org.hopfield4j.nn.Batch;
import org.hopfield4j.nn.Loss;
import org.hopfield4j.nn.Model;

/** The learning experiments' training loop and evaluation: one place for how a network is fitted. */
final class Training {
    private Training() {}

    /** Fits {@code net} (one logit per bag) to {@code data} with binary cross-entropy, batches in an order from {@code orderSeed}. */
    static void binary(Model net, Bags data, TrainingSettings settings, long orderSeed) {
        AdamW adam = settings.optimiser(net.parameters());
        SplittableRandom order = new SplittableRandom(orderSeed);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (Bags.MiniBatch batch : data.shuffled(settings.batchSize(), order)) {
                Loss loss = Loss.binaryCrossEntropy(net.forward(batch.input(), true), batch.targets());
                step(net, adam, loss.gradient(), settings);
            }
        }
    }

    /** One optimiser step on the gradient of the loss with respect to the output: clear, back-propagate, clip, update. */
    static void step(Model net, AdamW adam, Batch gradOutput, TrainingSettings settings) {
        net.zeroGradients();
        net.backward(gradOutput);
        AdamW.clipGlobalNorm(net.parameters(), settings.clipNorm());
        adam.step();
    }

    /** The logit of every bag of {@code data}, in order (inference mode, batches of {@code batchSize}). */
    static double[] logits(Model net, Bags data, int batchSize) {
        double[] out = new double[data.size()];
        int i = 0;
        for (Bags.MiniBatch batch : data.inOrder(batchSize)) {
            for (double z : net.forward(batch.input(), false).values()) out[i++] = z;
        }
        return out;
    }

    /**
     * Fits {@code net} (C logits per row) to the rows of {@code x} ({@code labels.length} × d) with multi-class
     * cross-entropy. A mini-batch enters as one bag of its rows, so a layer with a learned memory
     * ({@link org.hopfield4j.nn.HopfieldLayer}) sees that memory once per batch, not once per row.
     */
    static void multiclass(Model net, double[] x, int[] labels, int d, TrainingSettings settings, long orderSeed) {
        AdamW adam = settings.optimiser(net.parameters());
        SplittableRandom random = new SplittableRandom(orderSeed);
        int n = labels.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int from = 0; from < n; from += settings.batchSize()) {
                int b = Math.min(n, from + settings.batchSize()) - from;
                double[] in = new double[b * d];
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(x, order[from + i] * d, in, i * d, d);
                    y[i] = labels[order[from + i]];
                }
                Batch out = net.forward(Batch.of(in, 1, b, d, null), true);
                Loss loss = Loss.crossEntropy(Batch.rows(out.values(), b, out.width()), y);
                step(net, adam, Batch.of(loss.gradient().values(), 1, b, out.width(), null), settings);
            }
        }
    }

    /** The fraction of the rows of {@code x} whose largest logit is their label (inference mode, batches of 500). */
    static double accuracy(Model net, double[] x, int[] labels, int d) {
        int right = 0;
        for (int from = 0; from < labels.length; from += 500) {
            int b = Math.min(labels.length, from + 500) - from;
            double[] z = net.forward(Batch.of(java.util.Arrays.copyOfRange(x, from * d, (from + b) * d), 1, b, d, null),
                    false).values();
            int c = z.length / b;
            for (int i = 0; i < b; i++) {
                int best = 0;
                for (int j = 1; j < c; j++) if (z[i * c + j] > z[i * c + best]) best = j;
                if (best == labels[from + i]) right++;
            }
        }
        return right / (double) labels.length;
    }

    /** Fisher–Yates. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The pixels as float64, the layers' precision. */
    static double[] doubles(float[] f) {
        double[] v = new double[f.length];
        for (int i = 0; i < v.length; i++) v[i] = f[i];
        return v;
    }
}
