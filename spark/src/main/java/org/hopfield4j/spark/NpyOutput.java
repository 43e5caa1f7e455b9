package org.hopfield4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpzWriter;

/**
 * A retrieval's output Dataset written as the command line writes it (docs/cli.md): the states as a .npy
 * of the queries' shape, in their order (row b has id b), and optionally the last weights as a CSR .npz
 * (offsets int64, indices int32, values float64, shape int64 [B, M]). Gathered on the driver; written
 * atomically (Npy's output-target policy).
 */
final class NpyOutput {
    private NpyOutput() {}

    static void write(Dataset<Row> result, NpyArray queries, long M, Path out, Path weights) throws IOException {
        int B = queries.rank() == 1 ? 1 : queries.rows(), d = queries.rank() == 1 ? queries.shape()[0] : queries.cols();
        boolean float32 = DataTypes.FloatType.equals(((ArrayType) result.schema().apply("state").dataType()).elementType());
        List<Row> rows = result.orderBy(result.schema().fieldNames()[0]).collectAsList();
        double[] states = new double[B * d];
        long[] offsets = new long[B + 1];
        int nnz = 0;
        for (Row r : rows) nnz += weights == null ? 0 : r.getList(3).size();
        int[] indices = new int[nnz];
        double[] values = new double[nnz];
        for (int b = 0; b < B; b++) {
            Row r = rows.get(b);
            List<Object> s = r.getList(1);
            for (int j = 0; j < d; j++) states[b * d + j] = ((Number) s.get(j)).doubleValue();
            offsets[b + 1] = offsets[b];
            if (weights == null) continue;
            List<Object> ids = r.getList(3), p = r.getList(4);
            for (int k = 0; k < ids.size(); k++) {
                indices[(int) offsets[b + 1]] = Math.toIntExact(((Number) ids.get(k)).longValue());
                values[(int) offsets[b + 1]++] = ((Number) p.get(k)).doubleValue();
            }
        }
        int[] shape = queries.rank() == 1 ? new int[] {d} : new int[] {B, d};
        if (float32) {
            Npy.write(out, ShardScorer.toFloat(states), shape);
        } else {
            Npy.write(out, states, shape);
        }
        if (weights != null) {
            NpzWriter.create().add("offsets", offsets).add("indices", indices).add("values", NpyArray.ofDouble(values, nnz))
                    .add("shape", new long[] {B, M}).write(weights);
        }
    }
}
