package org.hopfield4j;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.hopfield4j.internal.HalfKernels;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RowNorms;

/**
 * {@link MemoryStore#toStoragePrecision}: a float32 store's patterns rounded to float16 or bfloat16
 * (to nearest, ties to even) in a new native block, chunk by chunk, so a mapped store larger than the
 * heap converts too (docs/formats.md#half-stores). Every value is checked to fit the format before
 * its chunk is rounded; the norms are measured on the rounded values, which are what retrieval sees.
 */
final class HalfStores {
    private HalfStores() {}

    static MemoryStore rounded(MemoryStore source, StoragePrecision target) {
        if (!target.isHalf()) {
            throw new IllegalArgumentException("target must be float16 or bfloat16, got " + target);
        }
        if (source.storagePrecision() != StoragePrecision.FLOAT32) {
            throw new IllegalArgumentException("only a float32 store converts to " + target + "; this store is "
                    + source.storagePrecision());
        }
        long n = source.elements();
        int d = source.dimension();
        int step = (int) Math.min(PatternCopy.CHUNK, n);
        float[] chunk = new float[step];
        RowNorms norms = new RowNorms(d);
        NativeBlock out = NativeBlock.shorts(n);
        try (FloatPointer wide = new FloatPointer(step)) {
            FloatPointer in = (FloatPointer) source.acquire();
            try {
                for (long from = 0; from < n; from += step) {
                    int len = (int) Math.min(step, n - from);
                    in.getPointer(from).get(chunk, 0, len);
                    checkFits(chunk, len, from, d, target);
                    ShortPointer half = out.shortPointer().getPointer(from);
                    if (HalfKernels.round(in.getPointer(from), half, len, target.nativeCode()) != -1) {
                        throw new IllegalStateException("rounding to " + target + " failed after the values were checked");
                    }
                    HalfKernels.widen(half, wide, len, target.nativeCode());
                    wide.get(chunk, 0, len);
                    norms.add(chunk, 0, len);
                }
            } finally {
                source.release();
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return MemoryStore.allocated(source.size(), d, target, out, PatternNorms.of(norms));
    }

    /** Every value of the chunk (elements from {@code base} of rows of d) rounds to a finite value of {@code target}. */
    private static void checkFits(float[] chunk, int len, long base, int d, StoragePrecision target) {
        float limit = target.overflowThreshold();
        for (int i = 0; i < len; i++) {
            if (!(Math.abs(chunk[i]) < limit)) {
                long at = base + i;
                throw new IllegalArgumentException("pattern " + at / d + ", column " + at % d + " is " + chunk[i]
                        + ", out of " + target + " range: a " + target + " store holds magnitudes below " + limit
                        + " (they round to at most the largest finite " + target + ", "
                        + (float) target.largestFinite() + "); larger values would become infinite");
            }
        }
    }
}
