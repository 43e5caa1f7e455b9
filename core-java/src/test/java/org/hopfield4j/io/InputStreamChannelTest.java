package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The stream channel that .npz entries are read through: exact bytes and positions, EOF, close. */
class InputStreamChannelTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 1);
        return b;
    }

    @Test
    void aHeapBufferWithAnOffsetGetsTheBytesAtItsPosition() throws IOException {
        byte[] data = bytes(10);
        ByteBuffer dst = ByteBuffer.allocate(16).position(3).slice();   // arrayOffset 3
        dst.position(2).limit(8);
        InputStreamChannel ch = new InputStreamChannel(new ByteArrayInputStream(data));
        assertEquals(6, ch.read(dst));
        assertEquals(8, dst.position());
        byte[] got = new byte[6];
        dst.position(2);
        dst.get(got);
        assertArrayEquals(java.util.Arrays.copyOf(data, 6), got);
        assertEquals(0, ch.read(dst), "a full buffer reads nothing");
        assertEquals(4, ch.read(ByteBuffer.allocate(8)));
        assertEquals(-1, ch.read(ByteBuffer.allocate(8)));
    }

    @Test
    void aDirectBufferIsFilledInChunksOfAtMost8KiB() throws IOException {
        byte[] data = bytes(20000);
        ByteBuffer dst = ByteBuffer.allocateDirect(20000);
        InputStreamChannel ch = new InputStreamChannel(new ByteArrayInputStream(data));
        assertEquals(8192, ch.read(dst));
        assertEquals(8192, dst.position());
        while (dst.hasRemaining()) ch.read(dst);
        byte[] got = new byte[20000];
        dst.flip().get(got);
        assertArrayEquals(data, got);
        ByteBuffer more = ByteBuffer.allocateDirect(4);
        assertEquals(-1, ch.read(more));
        assertEquals(0, more.position(), "EOF leaves the buffer as it was");
    }

    @Test
    void closingTheChannelLeavesTheStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(3)) {
            @Override public void close() { closed[0] = true; }
        };
        InputStreamChannel ch = new InputStreamChannel(in);
        assertTrue(ch.isOpen());
        ch.close();
        assertFalse(ch.isOpen());
        assertFalse(closed[0]);
    }
}
