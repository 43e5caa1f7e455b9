package org.hopfield4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel over an {@link InputStream} that reads straight into heap buffers.
 *
 * <p>{@link java.nio.channels.Channels#newChannel(InputStream)} copies through its own 8 KiB array, which
 * makes large arrays read from streams (e.g. zip entries) several times slower. Closing this channel does
 * not close the stream, which belongs to the caller.
 */
final class InputStreamChannel implements ReadableByteChannel {

    private final InputStream in;
    private boolean open = true;

    InputStreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int read = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (read > 0) {
                dst.position(dst.position() + read);
            }
            return read;
        }
        byte[] chunk = new byte[Math.min(dst.remaining(), 8192)];
        int read = in.read(chunk);
        if (read > 0) {
            dst.put(chunk, 0, read);
        }
        return read;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
