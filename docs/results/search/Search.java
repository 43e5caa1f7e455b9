// The model search's selection run (issue #16), kept as it ran: it is not part of the build.
// Run from a directory holding data/ (as samples/target has), against the built jar:
//   javac -cp "samples/target/hopfield4j.jar:samples/target/lib/*" -d /tmp/search docs/results/search/Search.java
//   java -cp "/tmp/search:samples/target/hopfield4j.jar:samples/target/lib/*" Search fashion-mnist 2 m:10,m:100,s:0,s:2.0,m:30
// (the data path below is the scratch copy of samples/target/data it ran with). Selection seeds 1000, 1001, ...
// only: the same draw as the experiments (MemoryRetrievalExperiment.draw, then the corruption seed, then the
// seed of W_0), baselines through the library, candidates computed in float64 here.
import java.nio.file.Path;
import java.util.*;
import org.hopfield4j.*;
import org.hopfield4j.data.*;
import org.hopfield4j.experiment.*;

/** Prototype of the model search: selection seeds only. Plain float64 feature-space retrieval. */
public class Search {
    static ImageSet data;
    static int d;

    record Cond(String name, int M, double sigma) {}   // sigma < 0: masking

    public static void main(String[] a) throws Exception {
        data = StandardDataset.named(a[0]).load(Path.of("/work/scratch/h-search/data"));
        d = data.dimension();
        int seeds = Integer.parseInt(a[1]);
        List<Cond> conds = new ArrayList<>();
        for (String c : a[2].split(",")) {
            String[] kv = c.split(":");
            conds.add(kv[0].equals("m") ? new Cond("mask M" + kv[1], Integer.parseInt(kv[1]), -1)
                    : new Cond("noise s" + kv[1], 100, Double.parseDouble(kv[1])));
        }
        Map<String, double[][]> res = new LinkedHashMap<>();
        Map<String, Map<String, LearnedKernel>> cache = new HashMap<>();
        for (int s = 0; s < seeds; s++) {
            for (int ci = 0; ci < conds.size(); ci++) {
            Cond c = conds.get(ci);
                long seed = 1000 + s;
                SplittableRandom rng = new SplittableRandom(seed);
                float[] mem = data.rows(MemoryRetrievalExperiment.draw(data.count(), c.M, rng));
                long cs = rng.nextLong(), ks = rng.nextLong();
                float[] q = c.sigma < 0 ? Corruption.mask(mem, c.M, d, 0.5, Corruption.Masking.ZERO, cs)
                        : Corruption.noise(mem, c.M, d, c.sigma, cs);
                // baselines through the library
                MemoryRetrievalExperiment.Corruptor cor = c.sigma < 0
                        ? MemoryRetrievalExperiment.Corruptor.masking(Corruption.Masking.ZERO, 0.5)
                        : MemoryRetrievalExperiment.Corruptor.noise(c.sigma);
                var base = MemoryRetrievalExperiment.builder().models(List.of(Model.DENSE, Model.L2, Model.MANHATTAN, Model.UHOP_DENSE))
                        .build().run(data, c.M, seed, cor, null);
                for (var me : base.meanError().entrySet()) put(res, "base " + me.getKey().label(), conds.size(), seeds, ci, s, me.getValue());
                String key = c.M + "/" + seed;
                if (!cache.containsKey(key)) {
                  cache.clear();
                  Map<String, LearnedKernel> trained = new LinkedHashMap<>();
                  try (MemoryStore store = MemoryStore.ofFloat(mem, c.M, d)) {
                    Map<String, KernelTrainer> kernels = new LinkedHashMap<>();
                    kernels.put("k100", KernelTrainer.builder().epochs(100).seed(ks).build());
                    kernels.put("k300", KernelTrainer.builder().epochs(300).seed(ks).build());
                    kernels.put("adam100", KernelTrainer.builder().epochs(100).optimizer(KernelTrainer.Optimizer.ADAM).learningRate(0.01).seed(ks).build());
                    for (var ke : kernels.entrySet()) trained.put(ke.getKey(), ke.getValue().train(store));
                  }
                  cache.put(key, trained);
                }
                {
                    for (var ke : cache.get(key).entrySet()) {
                        LearnedKernel k = ke.getValue();
                        double[] w = k.featureMap();
                        int D = k.featureDimension();
                        double[] fm = feat(mem, c.M, w, D);
                        for (String sim : new String[] {"dot", "l1", "l2"}) {
                            for (double beta : new double[] {1, 8, 64}) {
                                for (int T : new int[] {1, 3}) {
                                    double e = run(mem, fm, q, c.M, w, D, sim, beta, T);
                                    put(res, ke.getKey() + " " + sim + " b" + beta + " T" + T, conds.size(), seeds, ci, s, e);
                                }
                            }
                        }
                    }
                }
                System.err.println("done " + c + " seed " + seed);
            }
            System.out.println("# selection seeds 1000.." + (1000 + s));
            print(conds, res, s + 1);
        }
    }

    static void print(List<Cond> conds, Map<String, double[][]> res, int upto) {
        StringBuilder h = new StringBuilder(String.format("%-28s", "candidate"));
        for (Cond c : conds) h.append(String.format("%12s", c.name));
        System.out.println(h);
        for (var e : res.entrySet()) {
            StringBuilder l = new StringBuilder(String.format("%-28s", e.getKey()));
            for (double[] v : e.getValue()) l.append(String.format("%12.4f", Arrays.stream(v, 0, upto).average().orElse(Double.NaN)));
            System.out.println(l);
        }
    }

    static void put(Map<String, double[][]> res, String k, int nc, int ns, int ci, int s, double e) {
        res.computeIfAbsent(k, x -> new double[nc][ns])[ci][s] = e;
    }

    static double[] feat(float[] x, int B, double[] w, int D) {
        double[] f = new double[B * D];
        for (int b = 0; b < B; b++)
            for (int r = 0; r < D; r++) {
                double s = 0;
                for (int i = 0; i < d; i++) s += w[r * d + i] * x[b * d + i];
                f[b * D + r] = s;
            }
        return f;
    }

    static double run(float[] mem, double[] fm, float[] q0, int M, double[] w, int D, String sim, double beta, int T) {
        float[] x = q0.clone();
        for (int t = 0; t < T; t++) {
            double[] fq = feat(x, M, w, D);
            float[] nx = new float[M * d];
            for (int b = 0; b < M; b++) {
                double[] s = new double[M];
                double mx = Double.NEGATIVE_INFINITY;
                for (int m = 0; m < M; m++) {
                    double v = 0;
                    for (int r = 0; r < D; r++) {
                        double u = fq[b * D + r] - fm[m * D + r];
                        v += sim.equals("dot") ? fq[b * D + r] * fm[m * D + r] : sim.equals("l1") ? Math.abs(u) : u * u;
                    }
                    s[m] = beta * (sim.equals("dot") ? v : sim.equals("l1") ? -v : -Math.sqrt(v));
                    mx = Math.max(mx, s[m]);
                }
                double z = 0;
                for (int m = 0; m < M; m++) { s[m] = Math.exp(s[m] - mx); z += s[m]; }
                for (int m = 0; m < M; m++) {
                    double p = s[m] / z;
                    if (p == 0) continue;
                    for (int i = 0; i < d; i++) nx[b * d + i] += (float) (p * mem[m * d + i]);
                }
            }
            x = nx;
        }
        double[] e = Corruption.squaredErrors(mem, x, M, d);
        return Arrays.stream(e).average().orElse(0);
    }
}
