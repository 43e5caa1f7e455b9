package org.hopfield4j.internal;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * One block of native memory (float or double elements) that several threads may read at once and
 * that is freed exactly once, never under a reader.
 *
 * <p>Readers bracket every use with {@link #acquire(String)} / {@link #release()}. {@link #close()}
 * marks the block closed (later acquires fail) and frees the memory as soon as no reader holds it:
 * immediately when idle, otherwise in the {@code release()} of the last reader in flight.
 *
 * <p>The memory is allocated ({@link #floats}, {@link #doubles}), or a read-only memory map of a file
 * ({@link #mapFloats}, {@link #mapDoubles}: "freed" means unmapped; such a block must never be written).
 *
 * <p>Safety net: a block that becomes unreachable without being closed is closed by a
 * {@link Cleaner} (the same path, so it never frees memory a reader still holds). Relying on it is
 * not recommended: native memory is invisible to the garbage collector, which may run too late.
 *
 * <p>Not part of the public API.
 */
public final class NativeBlock implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Pointer pointer;
    private final long length;
    private final Usage usage;
    private final Cleaner.Cleanable cleanable;

    private NativeBlock(Pointer pointer, long length, Runnable free) {
        this.pointer = pointer;
        this.length = length;
        this.usage = new Usage(free);
        this.cleanable = CLEANER.register(this, usage);
    }

    private NativeBlock(Pointer pointer, long length) {
        this(pointer, length, pointer::deallocate);
    }

    /**
     * {@code length} floats at byte {@code offset} of the file {@code path}, memory-mapped read-only
     * (hopfield4j_mapping.h); the caller has checked that the file holds them. Opening costs O(1): the
     * OS reads pages on first touch.
     *
     * @throws IOException if the file cannot be mapped (the message names the file and the reason)
     */
    public static NativeBlock mapFloats(Path path, long offset, long length) throws IOException {
        return mapped(path, offset, length, Float.BYTES);
    }

    /** As {@link #mapFloats(Path, long, long)}, for doubles. */
    public static NativeBlock mapDoubles(Path path, long offset, long length) throws IOException {
        return mapped(path, offset, length, Double.BYTES);
    }

    /** As {@link #mapFloats(Path, long, long)}, for 16-bit elements (a float16 store). */
    public static NativeBlock mapShorts(Path path, long offset, long length) throws IOException {
        return mapped(path, offset, length, Short.BYTES);
    }

    private static NativeBlock mapped(Path path, long offset, long length, int elementBytes) throws IOException {
        long bytes = Math.multiplyExact(length, elementBytes);
        int[] error = new int[1];
        NativeCalls.enter();
        Pointer data = HopfieldNative.map_file_readonly(path.toAbsolutePath().toString(), offset, bytes, error);
        if (data == null || data.isNull()) {
            throw new IOException(path + ": cannot memory-map " + bytes + " bytes at offset " + offset + ": "
                    + Errno.describe(error[0]));
        }
        Pointer typed = switch (elementBytes) {
            case Short.BYTES -> new ShortPointer(data);
            case Float.BYTES -> new FloatPointer(data);
            default -> new DoublePointer(data);
        };
        return new NativeBlock(typed, length, () -> HopfieldNative.unmap_file(data, offset, bytes));
    }

    /** A block of {@code length} floats (uninitialised). @throws OutOfMemoryError if native memory runs out */
    public static NativeBlock floats(long length) {
        return new NativeBlock(new FloatPointer(length), length);
    }

    /** A block of {@code length} doubles (uninitialised). @throws OutOfMemoryError if native memory runs out */
    public static NativeBlock doubles(long length) {
        return new NativeBlock(new DoublePointer(length), length);
    }

    /** A block of {@code length} 16-bit elements (uninitialised): a half store's. */
    public static NativeBlock shorts(long length) {
        return new NativeBlock(new ShortPointer(length), length);
    }

    /** A block holding a copy of {@code data}. */
    public static NativeBlock copyOf(float[] data) {
        NativeBlock b = floats(data.length);
        b.floatPointer().put(data, 0, data.length);
        return b;
    }

    /** A block holding a copy of {@code data}. */
    public static NativeBlock copyOf(double[] data) {
        NativeBlock b = doubles(data.length);
        b.doublePointer().put(data, 0, data.length);
        return b;
    }

    /** The number of elements. */
    public long length() {
        return length;
    }

    /**
     * Registers a reader and returns the pointer it may use until its {@link #release()}.
     *
     * @throws IllegalStateException with {@code closedMessage} if the block is closed
     */
    public Pointer acquire(String closedMessage) {
        if (!usage.acquire()) {
            throw new IllegalStateException(closedMessage);
        }
        return pointer;
    }

    /** Ends a use begun by a successful {@link #acquire(String)}; frees the memory if closed and idle. */
    public void release() {
        usage.release();
    }

    /**
     * The float pointer, for the owner filling or reading the block while it holds it (between
     * acquire and release, or before publishing the block). Never position() the returned object:
     * derive offsets with {@code getPointer(i)}.
     */
    public FloatPointer floatPointer() {
        return (FloatPointer) pointer;
    }

    /** As {@link #floatPointer()}, for a block of doubles. */
    public DoublePointer doublePointer() {
        return (DoublePointer) pointer;
    }

    /** As {@link #floatPointer()}, for a block of 16-bit elements. */
    public ShortPointer shortPointer() {
        return (ShortPointer) pointer;
    }

    /** Whether {@link #close()} was called (or the cleaner ran). */
    public boolean isClosed() {
        return usage.isClosed();
    }

    /** Whether the native memory has been freed (closed and no reader in flight). */
    public boolean isFreed() {
        return usage.isFreed();
    }

    /** Closes the block: idempotent; frees now if idle, else when the last reader releases it. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** The usage count; also the cleaner's action, so it must not refer to the block itself. */
    private static final class Usage implements Runnable {
        private final Runnable free;  // deallocates or unmaps
        private int inFlight;
        private boolean closed;
        private boolean freed;

        Usage(Runnable free) {
            this.free = free;
        }

        synchronized boolean acquire() {
            if (closed) {
                return false;
            }
            inFlight++;
            return true;
        }

        synchronized void release() {
            if (inFlight <= 0) {
                throw new IllegalStateException("release() without a matching acquire()");
            }
            inFlight--;
            if (closed && inFlight == 0) {
                free();
            }
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized boolean isFreed() {
            return freed;
        }

        /** close(): runs once, from close() or from the cleaner. */
        @Override
        public synchronized void run() {
            closed = true;
            if (inFlight == 0) {
                free();
            }
        }

        private void free() {
            if (!freed) {
                freed = true;
                free.run();
            }
        }
    }
}
