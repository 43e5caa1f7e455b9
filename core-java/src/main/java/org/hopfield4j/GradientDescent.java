package org.hopfield4j;

/**
 * The loop of U-Hop's stage I: N full-batch steps of SGD or Adam on W with the step sizes of the
 * schedule, the loss recorded before every step and once after the last. Only the arithmetic of
 * the steps lives here; {@link KernelTrainer} chooses the rows, W₀ and what is done with W afterwards.
 */
final class GradientDescent {
    private final KernelTraining settings;
    private final KernelTrainer.Progress progress;   // or null

    /** Loss and smallest squared feature distance at W_0..W_N (N + 1 values each). */
    record History(double[] losses, double[] minDistances) {}

    GradientDescent(KernelTraining settings, KernelTrainer.Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Trains {@code w} (D × d, row-major) in place on the loss of {@code evaluator}. */
    History run(SeparationLossEvaluator evaluator, double[] w, int d) {
        int epochs = settings.epochs();
        double gamma = settings.learningRate();
        double[] losses = new double[epochs + 1];
        double[] minDist = new double[epochs + 1];
        double[] grad = new double[w.length];
        Adam adam = settings.optimizer() == KernelTrainer.Optimizer.ADAM ? new Adam(w.length) : null;
        double rate = gamma;
        evaluator.checkW(w);   // the initial W: an IllegalArgumentException is the caller's
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (epoch > 1) checkStep(evaluator, w, epoch - 1, rate);
            losses[epoch - 1] = evaluator.run(w, grad);
            minDist[epoch - 1] = evaluator.minDistance2();
            rate = settings.schedule().rate(gamma, epoch, rate);
            if (progress != null) {
                progress.epoch(epoch, epochs, losses[epoch - 1], minDist[epoch - 1], rate);
            }
            if (adam == null) {
                for (int i = 0; i < w.length; i++) w[i] -= rate * grad[i];
            } else {
                adam.step(w, grad, rate, epoch);
            }
            checkFinite(w, d, epoch, rate);
        }
        if (epochs > 0) checkStep(evaluator, w, epochs, rate);
        losses[epochs] = evaluator.run(w, null);
        minDist[epochs] = evaluator.minDistance2();
        return new History(losses, minDist);
    }

    private void checkFinite(double[] w, int d, int epoch, double rate) {
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalStateException("training diverged in epoch " + epoch + " of " + settings.epochs()
                        + ": W has " + w[i] + " at (row " + i / d + ", column " + i % d
                        + ") after a step of " + rate + "; lower the learning rate");
            }
        }
    }

    /** After a step, W too large to evaluate means training diverged: an IllegalStateException. */
    private void checkStep(SeparationLossEvaluator evaluator, double[] w, int epoch, double rate) {
        try {
            evaluator.checkW(w);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("training diverged in epoch " + epoch + " of " + settings.epochs() + " (step "
                    + rate + "): " + e.getMessage() + "; lower the learning rate", e);
        }
    }

    /** Adam's bias-corrected moment estimates (Kingma & Ba 2015). */
    private final class Adam {
        private final double[] m;
        private final double[] v;

        Adam(int n) {
            m = new double[n];
            v = new double[n];
        }

        void step(double[] w, double[] grad, double rate, int epoch) {
            double beta1 = settings.adamBeta1(), beta2 = settings.adamBeta2(), eps = settings.adamEpsilon();
            double c1 = 1 - Math.pow(beta1, epoch), c2 = 1 - Math.pow(beta2, epoch);
            for (int i = 0; i < w.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
                w[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            }
        }
    }
}
