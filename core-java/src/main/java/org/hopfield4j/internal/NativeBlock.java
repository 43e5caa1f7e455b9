package org.hopfield4j.internal;

import java.lang.ref.Cleaner;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One block of native memory (float or double elements) that several threads may read at once and
 * that is freed exactly once, never under a reader.
 *
 * <p>Readers bracket every use with {@link #acquire(String)} / {@link #release()}. {@link #close()}
 * marks the block closed (later acquires fail) and frees the memory as soon as no reader holds it:
 * immediately when idle, otherwise in the {@code release()} of the last reader in flight.
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

    private NativeBlock(Pointer pointer, long length) {
        this.pointer = pointer;
        this.length = length;
        this.usage = new Usage(pointer);
        this.cleanable = CLEANER.register(this, usage);
    }

    /** A block of {@code length} floats (uninitialised). @throws OutOfMemoryError if native memory runs out */
    public static NativeBlock floats(long length) {
        return new NativeBlock(new FloatPointer(length), length);
    }

    /** A block of {@code length} doubles (uninitialised). @throws OutOfMemoryError if native memory runs out */
    public static NativeBlock doubles(long length) {
        return new NativeBlock(new DoublePointer(length), length);
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
        private final Pointer pointer;
        private int inFlight;
        private boolean closed;
        private boolean freed;

        Usage(Pointer pointer) {
            this.pointer = pointer;
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
                pointer.deallocate();
            }
        }
    }
}
