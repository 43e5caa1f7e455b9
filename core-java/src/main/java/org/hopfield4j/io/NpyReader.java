package org.hopfield4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a whole {@code .npy} file from a channel: magic, version, header length, header dict, data, and
 * checks that nothing follows the data.
 *
 * <p>Format versions 1.0 (2-byte header length, latin-1 header), 2.0 (4-byte length, latin-1) and 3.0
 * (4-byte length, UTF-8) are understood.
 */
final class NpyReader {

    private NpyReader() {
    }

    /**
     * @param source file or stream name for messages
     * @param knownSize the total size in bytes if known (a file), or -1 (a stream); a known size lets every
     *     length be checked before anything is allocated
     * @param options how values are converted
     */
    static NpyArray read(ReadableByteChannel channel, String source, long knownSize, NpyReadOptions options)
            throws IOException {
        Prefix prefix = readHeader(channel, source, knownSize, NpyHeader.ElementLimit.JAVA_ARRAY);
        NpyHeader header = prefix.header();
        NpyArray array = NpyDataReader.read(channel, header, source, knownSize >= 0, options);
        if (knownSize < 0) {
            NpyDataReader.checkNothingFollows(channel, header, source);
        }
        return array;
    }

    /**
     * What precedes the data: the header, and the data's offset from the start of the file.
     */
    record Prefix(NpyHeader header, long dataOffset) {}

    /**
     * Reads magic, version, header length and header dict, leaving the channel at the first data byte;
     * with a known size, also checks that exactly the header's data length follows.
     *
     * @param limit how many elements the header may announce
     */
    static Prefix readHeader(ReadableByteChannel channel, String source, long knownSize,
            NpyHeader.ElementLimit limit) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(NpyFormat.MIN_PREFIX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        NpyDataReader.fill(channel, prefix);
        int got = prefix.position();
        checkMagic(prefix.array(), got, source);
        if (got < NpyFormat.MIN_PREFIX_LENGTH) {
            throw new NpyFormatException(source, "truncated header: expected at least " + NpyFormat.MIN_PREFIX_LENGTH
                    + " bytes (magic, version, header length), found " + got);
        }

        int major = prefix.get(6) & 0xFF;
        int minor = prefix.get(7) & 0xFF;
        int prefixLength;
        long headerLength;
        Charset headerCharset;
        if (major == 1 && minor == 0) {
            prefixLength = NpyFormat.MIN_PREFIX_LENGTH;
            headerLength = Short.toUnsignedInt(prefix.getShort(NpyFormat.MAGIC_AND_VERSION_LENGTH));
            headerCharset = StandardCharsets.ISO_8859_1;
        } else if ((major == 2 || major == 3) && minor == 0) {
            prefixLength = NpyFormat.MIN_PREFIX_LENGTH + 2;
            headerLength = readLongHeaderLength(channel, prefix, source);
            // Version 3.0 exists only to allow UTF-8 in structured field names.
            headerCharset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        } else {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor
                    + "; supported: 1.0, 2.0, 3.0");
        }

        checkHeaderLength(headerLength, prefixLength, knownSize, source);
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        NpyDataReader.fill(channel, headerBytes);
        if (headerBytes.hasRemaining()) {
            throw new NpyFormatException(source, "truncated header: header length is " + headerLength
                    + " bytes but only " + headerBytes.position() + " follow");
        }
        String headerText = new String(headerBytes.array(), headerCharset);
        NpyHeader header = NpyHeader.fromDict(PythonLiteralParser.parseDict(headerText, source), source, limit);

        if (knownSize >= 0) {
            checkDataLength(knownSize - prefixLength - headerLength, header, source);
        }
        return new Prefix(header, prefixLength + headerLength);
    }

    private static void checkMagic(byte[] prefix, int length, String source) throws NpyFormatException {
        int compared = Math.min(length, NpyFormat.MAGIC.length);
        for (int i = 0; i < compared; i++) {
            if (prefix[i] != NpyFormat.MAGIC[i]) {
                throw new NpyFormatException(source, "not a .npy file: bad magic, expected " + NpyFormat.magicRepr()
                        + ", found " + NpyFormat.bytesRepr(prefix, compared));
            }
        }
    }

    /** Versions 2.0 and 3.0 store the header length in four bytes, two more than the 1.0 prefix holds. */
    private static long readLongHeaderLength(ReadableByteChannel channel, ByteBuffer prefix, String source)
            throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(2);
        NpyDataReader.fill(channel, rest);
        if (rest.hasRemaining()) {
            throw new NpyFormatException(source, "truncated header: expected " + (NpyFormat.MIN_PREFIX_LENGTH + 2)
                    + " bytes (magic, version, 4-byte header length), found " + (prefix.capacity() + rest.position()));
        }
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        length.put(prefix.array(), NpyFormat.MAGIC_AND_VERSION_LENGTH, 2).put(rest.array());
        return Integer.toUnsignedLong(length.getInt(0));
    }

    private static void checkHeaderLength(long headerLength, int prefixLength, long knownSize, String source)
            throws NpyFormatException {
        if (knownSize >= 0 && prefixLength + headerLength > knownSize) {
            throw new NpyFormatException(source, "header length " + headerLength
                    + " extends beyond the end of the file: the header would end at byte "
                    + (prefixLength + headerLength) + " but the file has " + knownSize + " bytes");
        }
        if (headerLength > NpyFormat.MAX_HEADER_LENGTH) {
            throw new NpyFormatException(source, "header length " + headerLength
                    + " exceeds the supported maximum of " + NpyFormat.MAX_HEADER_LENGTH + " bytes");
        }
    }

    /** With a known file size, a wrong data length is reported before the data array is allocated. */
    private static void checkDataLength(long available, NpyHeader header, String source) throws NpyFormatException {
        long expected = header.dataLength();
        if (available < expected) {
            throw NpyDataReader.truncatedData(source, header, available);
        }
        if (available > expected) {
            throw NpyDataReader.trailingBytes(source, header, available - expected);
        }
    }
}
