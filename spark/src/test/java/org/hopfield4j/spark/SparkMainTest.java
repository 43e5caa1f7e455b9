package org.hopfield4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's command line: `retrieve --shards 4 ... --out Y.npy` writes what the single-machine Retriever
 * retrieves (and its weights as CSR), a replicated retrieve reads and writes Parquet (with the support and
 * weights columns), and bad input exits 2 with one line naming the culprit.
 */
class SparkMainTest {
    @TempDir
    static Path dir;
    static final RetrievalData data = new RetrievalData(new Random(21), 50, 8, 12, 4);

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void files() throws Exception {
        SparkTestSession.get();  // the shared session: the command uses it and leaves it running
        Npy.write(dir.resolve("xi.npy"), RetrievalData.toFloat(data.patterns), data.M, data.d);
        Npy.write(dir.resolve("x.npy"), RetrievalData.toFloat(data.queries), data.B, data.d);
        RetrievalData parquetData = new DatasetRetrievalTest().data;
        Npy.write(dir.resolve("xi64.npy"), parquetData.patterns, parquetData.M, parquetData.d);
    }

    @Test
    void shardedRetrieveWritesTheRetrieversStatesAndWeights() throws Exception {
        Path y = dir.resolve("y.npy"), w = dir.resolve("w.npz");
        Run r = run("retrieve", "--master", "local[4]", "--shards", "4", "--memories", dir.resolve("xi.npy").toString(),
                "--queries", dir.resolve("x.npy").toString(), "--map", "sparsemax", "--steps", "3", "--out", y.toString(),
                "--weights", w.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("retrieved 12 queries (4 shards, sparsemax, 3 steps) -> " + y, r.out().trim());
        try (MemoryStore store = data.store(Precision.FLOAT32);
             Retriever retriever = Retriever.builder(store).map(Separation.sparsemax()).steps(3).build()) {
            Retrieval expected = data.retrieve(retriever, Precision.FLOAT32);
            float[] actual = Npy.read(y).floatData();
            float[] want = expected.floatStates();
            for (int i = 0; i < want.length; i++) assertEquals(want[i], actual[i], 1e-5, "element " + i);
        }
        assertTrue(Files.size(w) > 0, "the CSR weights are written");
    }

    @Test
    void replicatedRetrieveReadsAndWritesParquet() {
        Path in = dir.resolve("queries.parquet"), out = dir.resolve("out.parquet");
        DatasetRetrievalTest fixture = new DatasetRetrievalTest();  // its queries (ids 1000 + b) and their check
        Dataset<Row> queries = fixture.queries(Precision.FLOAT64);
        queries.write().parquet(in.toString());
        Run r = run("retrieve", "--shards", "0", "--memories", dir.resolve("xi64.npy").toString(), "--queries", in.toString(),
                "--map", "entmax", "--alpha", "1.5", "--steps", "2", "--out", out.toString(), "--with-weights", "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        Dataset<Row> result = SparkTestSession.get().read().parquet(out.toString());
        assertEquals(List.of("id", "state", "steps", "support", "weights"), List.of(result.schema().fieldNames()));
        try (MemoryStore store = fixture.data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(store).map(Separation.entmax15()).steps(2).recordWeights(true).build()) {
            fixture.assertRowsEqual(fixture.data.retrieve(retriever, Precision.FLOAT64), result, Precision.FLOAT64);
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String xi = dir.resolve("xi.npy").toString(), x = dir.resolve("x.npy").toString(), out = dir.resolve("z.npy").toString();
        assertOneLine(run("retrieve", "--shards", "2", "--memories", xi, "--queries", dir.resolve("none.npy").toString(), "--out", out),
                "hopfield4j-spark: --queries " + dir.resolve("none.npy") + ": no such file or directory");
        assertOneLine(run("retrieve", "--shards", "2", "--memories", xi, "--queries", x, "--out", out, "--map", "poly"),
                "hopfield4j-spark: map: a sharded store merges softmax, sparsemax, entmax15 and entmax exactly; got poly-10.0 "
                        + "(use the replicated store, --shards 0)");
        assertOneLine(run("retrieve", "--memories", xi, "--queries", x, "--out", out, "--map", "entmax"),
                "hopfield4j-spark: --alpha: required with --map entmax");
        assertOneLine(run("retrieve", "--memories", xi, "--queries", x, "--out", out, "--shards", "-1"),
                "hopfield4j-spark: --shards: expected >= 0, got -1");
        assertFalse(Files.exists(Path.of(out)), "nothing written on bad input");
    }

    private static void assertOneLine(Run r, String line) {
        assertEquals(2, r.code(), r.err());
        assertEquals(line, r.err().trim());
        assertFalse(r.err().trim().contains("\n"), "one line");
    }
}
