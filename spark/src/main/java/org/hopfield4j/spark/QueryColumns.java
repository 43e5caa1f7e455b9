package org.hopfield4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hopfield4j.Precision;

/**
 * The two columns of a Dataset of vectors (queries or patterns) and the columns of a retrieval's output
 * (docs/spark.md#datasets): an integral id column and a vector column that is {@code array<float>}
 * (float32), {@code array<double>} or a Spark ML vector (float64). The output has the id, the state
 * (same element type as the input vector column), the steps, and with weights the support ids
 * ({@code array<bigint>}) and their weights ({@code array<double>}).
 */
public record QueryColumns(String id, String vector) implements Serializable {
    public static final QueryColumns DEFAULT = new QueryColumns("id", "vector");

    /** The precision the vector column holds; an exception naming the column if it is no vector. */
    public Precision precisionOf(StructType schema) {
        StructField idField = field(schema, id);
        if (!DataTypes.LongType.equals(idField.dataType()) && !DataTypes.IntegerType.equals(idField.dataType())) {
            throw new IllegalArgumentException("column '" + id + "': expected a bigint or int id, got " + idField.dataType().simpleString());
        }
        DataType type = field(schema, vector).dataType();
        if (type instanceof ArrayType a && DataTypes.FloatType.equals(a.elementType())) return Precision.FLOAT32;
        if (type instanceof ArrayType a && DataTypes.DoubleType.equals(a.elementType())) return Precision.FLOAT64;
        if (SQLDataTypes.VectorType().equals(type)) return Precision.FLOAT64;
        throw new IllegalArgumentException("column '" + vector + "': expected array<float>, array<double> or an ML vector, got "
                + type.simpleString());
    }

    private static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("column '" + name + "': not in the Dataset, which has " + schema.simpleString());
    }

    /** The id of a row of (id, vector), as selected by {@link #select}. */
    static long idOf(Row row) {
        return ((Number) row.get(0)).longValue();
    }

    /** The vector of a row of (id, vector) into {@code out[offset ..]}, checking its length d. */
    static void vectorInto(Row row, double[] out, int offset, int d) {
        Object v = row.get(1);
        if (v == null) throw new IllegalArgumentException("row with id " + idOf(row) + ": the vector is null");
        if (v instanceof Vector vector) {
            checkLength(row, vector.size(), d);
            for (int j = 0; j < d; j++) out[offset + j] = vector.apply(j);
            return;
        }
        List<?> list = row.getList(1);
        checkLength(row, list.size(), d);
        for (int j = 0; j < d; j++) {
            Object x = list.get(j);
            if (x == null) throw new IllegalArgumentException("row with id " + idOf(row) + ": element " + j + " is null");
            out[offset + j] = ((Number) x).doubleValue();
        }
    }

    private static void checkLength(Row row, int length, int d) {
        if (length != d) throw new IllegalArgumentException("row with id " + idOf(row) + ": expected a vector of d = " + d + " values, got " + length);
    }

    /** The number of values of the first vector of {@code rows} (a Dataset of (id, vector)). */
    static int dimensionOf(Row first) {
        Object v = first.get(1);
        return v instanceof Vector vector ? vector.size() : first.getList(1).size();
    }

    /** The output schema of a retrieval with states of {@code precision}. */
    public StructType outputSchema(Precision precision, boolean weights) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(id, DataTypes.LongType, false));
        DataType element = precision == Precision.FLOAT32 ? DataTypes.FloatType : DataTypes.DoubleType;
        fields.add(DataTypes.createStructField("state", DataTypes.createArrayType(element, false), false));
        fields.add(DataTypes.createStructField("steps", DataTypes.IntegerType, false));
        if (weights) {
            fields.add(DataTypes.createStructField("support", DataTypes.createArrayType(DataTypes.LongType, false), false));
            fields.add(DataTypes.createStructField("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false));
        }
        return DataTypes.createStructType(fields);
    }
}
