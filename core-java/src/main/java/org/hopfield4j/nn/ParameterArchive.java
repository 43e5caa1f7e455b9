package org.hopfield4j.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hopfield4j.internal.ChecksummedNpz;
import org.hopfield4j.io.NpyArray;

/**
 * The trained-parameter archive of {@link Model#save(Path)}, format version {@value #VERSION}: a
 * {@link ChecksummedNpz} archive (the one home of the stores' and kernels' format) holding
 * <ul>
 *   <li>{@code shapes.npy}: float64 (P, 2), the rows and columns of each parameter, in model order;
 *   <li>one float64 vector per parameter, named by its qualified name ({@code 0.linear.weight}), in model order;
 *   <li>{@code metadata.npy}: {@code [0x48344A50 ("H4JP"), version, P, 2, 8, CRC-32 of shapes and every parameter]}.
 * </ul>
 */
final class ParameterArchive {
    static final int VERSION = 1;
    static final ChecksummedNpz.Format FORMAT = ChecksummedNpz.Format.namedByWriter("model-parameters", 0x48344A50,
            VERSION, "shapes");

    private ParameterArchive() {}

    static void write(Path path, Map<String, Parameter> parameters) throws IOException {
        double[] shapes = new double[parameters.size() * 2];
        Map<String, double[]> vectors = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            shapes[i++] = e.getValue().rows();
            shapes[i++] = e.getValue().cols();
            vectors.put(e.getKey(), e.getValue().values());
        }
        ChecksummedNpz.write(path, FORMAT, NpyArray.ofDouble(shapes, parameters.size(), 2), vectors);
    }

    /** Reads the archive into {@code parameters}, which must be exactly the saved names and shapes. */
    static void read(Path path, Map<String, Parameter> parameters) throws IOException {
        ChecksummedNpz.Contents c = ChecksummedNpz.read(path, FORMAT, ModelFormatException::new);
        Map<String, double[]> saved = c.vectors();
        if (!saved.keySet().equals(parameters.keySet())) {
            throw new ModelFormatException(path + ": the archive holds parameters " + saved.keySet()
                    + " but the model has " + parameters.keySet(), null);
        }
        double[] shapes = c.main().toDouble();
        if (c.main().rows() != parameters.size()) {
            throw new ModelFormatException(path + ": shapes.npy has " + c.main().rows() + " rows for "
                    + parameters.size() + " parameters", null);
        }
        int i = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            double[] v = saved.get(e.getKey());
            if (shapes[2 * i] != p.rows() || shapes[2 * i + 1] != p.cols() || v.length != p.size()) {
                throw new ModelFormatException(path + ": " + e.getKey() + " was saved as " + shapes[2 * i] + " x "
                        + shapes[2 * i + 1] + " (" + v.length + " values) but the model's is " + p.rows() + " x "
                        + p.cols(), null);
            }
            i++;
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            double[] v = saved.get(e.getKey());
            System.arraycopy(v, 0, e.getValue().values(), 0, v.length);
        }
    }
}
