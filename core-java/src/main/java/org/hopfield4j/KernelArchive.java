package org.hopfield4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.hopfield4j.KernelTrainer.Optimizer;
import org.hopfield4j.KernelTrainer.Schedule;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.ChecksummedNpz;
import org.hopfield4j.io.NpyArray;

/**
 * The kernel archive of {@link LearnedKernel#save(Path)}, format version {@value LearnedKernel#FORMAT_VERSION}:
 * a {@link ChecksummedNpz} archive with
 * <ul>
 *   <li>{@code W.npy}: W, float64 (D, d);
 *   <li>{@code metadata.npy}: {@code [0x48344A4B ("H4JK"), version, D, d, 8, CRC-32]};
 *   <li>only for a trained kernel: {@code training.npy}, the {@link KernelTraining} as {@value #TRAINING_LENGTH}
 *       float64 values {@code [loss (0 avg, 1 max, 2 dl), t, epochs, learning rate, schedule (0 constant,
 *       1 sqrt, 2 cumulative), optimizer (0 sgd, 1 adam), Adam beta1, beta2, eps, seeded (1, or 0 if W0 was
 *       given), seed >> 32 (signed), seed & 0xFFFFFFFF, init scale (NaN if not seeded), normalise features
 *       (0/1), normalise rows (0/1)]}, and {@code loss_history.npy}, {@code min_distance_history.npy}
 *       (epochs + 1 values each).
 * </ul>
 * The CRC-32 covers the values of W, training, loss_history and min_distance_history, in that order, so a
 * changed setting is detected like a changed weight.
 */
final class KernelArchive {
    static final String TRAINING = "training";
    static final String LOSS_HISTORY = "loss_history";
    static final String MIN_DISTANCE_HISTORY = "min_distance_history";
    static final int TRAINING_LENGTH = 15;
    static final ChecksummedNpz.Format FORMAT = new ChecksummedNpz.Format("learned-kernel", 0x48344A4B,
            LearnedKernel.FORMAT_VERSION, "W", List.of(TRAINING, LOSS_HISTORY, MIN_DISTANCE_HISTORY));

    // The codes in training.npy are the positions in these arrays: fixed by the format, not by enum order.
    private static final SeparationLoss[] LOSSES = {SeparationLoss.AVG, SeparationLoss.MAX, SeparationLoss.DL};
    private static final Schedule[] SCHEDULES = {Schedule.CONSTANT, Schedule.INV_SQRT, Schedule.CUMULATIVE};
    private static final Optimizer[] OPTIMIZERS = {Optimizer.SGD, Optimizer.ADAM};

    private KernelArchive() {}

    static void write(Path path, LearnedKernel kernel) throws IOException {
        Map<String, double[]> vectors = new LinkedHashMap<>();
        kernel.training().ifPresent(t -> {
            vectors.put(TRAINING, encode(t));
            vectors.put(LOSS_HISTORY, kernel.lossHistory());
            vectors.put(MIN_DISTANCE_HISTORY, kernel.minDistanceHistory());
        });
        NpyArray w = NpyArray.ofDouble(kernel.featureMap(), kernel.featureDimension(), kernel.inputDimension());
        ChecksummedNpz.write(path, FORMAT, w, vectors);
    }

    static LearnedKernel read(Path path) throws IOException {
        ChecksummedNpz.Contents c = ChecksummedNpz.read(path, FORMAT, LearnedKernelFormatException::new);
        Map<String, double[]> v = c.vectors();
        if (!v.isEmpty() && v.size() != FORMAT.vectors().size()) {
            throw corrupt(path, "a trained kernel needs all of " + FORMAT.vectors() + ", found only " + v.keySet());
        }
        double[] w = c.main().toDouble();
        int D = c.main().rows(), d = c.main().cols();
        try {
            Check.matrixSize("D", D, 1, "d", d);
            Check.finiteMatrix("W", w, d);
            if (v.isEmpty()) return new LearnedKernel(w, D, d, null, new double[0], new double[0]);
            KernelTraining training = decode(v.get(TRAINING));
            for (String history : List.of(LOSS_HISTORY, MIN_DISTANCE_HISTORY)) {
                Check.length(history, v.get(history).length, training.epochs() + 1L, "epochs + 1");
            }
            return new LearnedKernel(w, D, d, training, v.get(LOSS_HISTORY), v.get(MIN_DISTANCE_HISTORY));
        } catch (IllegalArgumentException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static double[] encode(KernelTraining t) {
        long seed = t.seed().orElse(0);
        return new double[] {
            indexOf(LOSSES, t.loss()), t.t(), t.epochs(), t.learningRate(), indexOf(SCHEDULES, t.schedule()),
            indexOf(OPTIMIZERS, t.optimizer()), t.adamBeta1(), t.adamBeta2(), t.adamEpsilon(),
            t.seed().isPresent() ? 1 : 0, seed >> 32, seed & 0xFFFFFFFFL, t.initScale(),
            t.normalizeFeatures() ? 1 : 0, t.normalizeRows() ? 1 : 0};
    }

    /** The settings from training.npy; IllegalArgumentException names the first bad entry. */
    private static KernelTraining decode(double[] v) {
        Check.length(TRAINING, v.length, TRAINING_LENGTH, "the settings of format version " + LearnedKernel.FORMAT_VERSION);
        boolean seeded = flag(v, 9, "seeded");
        long high = (long) integer(v, 10, "seed >> 32", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long low = (long) integer(v, 11, "seed & 0xFFFFFFFF", 0, 0xFFFFFFFFL);
        if (!seeded && (high != 0 || low != 0)) {
            throw new IllegalArgumentException(TRAINING + "[10..11] must be 0 when W0 was given (seeded = 0)");
        }
        return new KernelTraining(LOSSES[code(v, 0, "loss", LOSSES.length)], v[1],
                (int) integer(v, 2, "epochs", 0, Integer.MAX_VALUE), v[3],
                SCHEDULES[code(v, 4, "schedule", SCHEDULES.length)], OPTIMIZERS[code(v, 5, "optimizer", OPTIMIZERS.length)],
                v[6], v[7], v[8], seeded ? OptionalLong.of(high << 32 | low) : OptionalLong.empty(), v[12],
                flag(v, 13, "normalize features"), flag(v, 14, "normalize rows"));
    }

    private static int code(double[] v, int i, String name, int count) {
        return (int) integer(v, i, name, 0, count - 1);
    }

    private static boolean flag(double[] v, int i, String name) {
        return integer(v, i, name, 0, 1) == 1;
    }

    private static double integer(double[] v, int i, String name, long min, long max) {
        if (!(v[i] == Math.rint(v[i]) && v[i] >= min && v[i] <= max)) {
            throw new IllegalArgumentException(TRAINING + "[" + i + "] (" + name + ") must be an integer in ["
                    + min + ", " + max + "], got " + v[i]);
        }
        return v[i];
    }

    private static <T> int indexOf(T[] values, T value) {
        return java.util.Arrays.asList(values).indexOf(value);
    }

    private static LearnedKernelFormatException corrupt(Path path, String what) {
        return new LearnedKernelFormatException(path + ": " + what);
    }
}
