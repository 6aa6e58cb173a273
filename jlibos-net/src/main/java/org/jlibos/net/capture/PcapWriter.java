package org.jlibos.net.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (libpcap format 2.4, little-endian) with nanosecond timestamps.
 *
 * <pre>
 * global header (24 bytes):
 *   magic 0xa1b23c4d (nanosecond resolution) | version 2 | 4 | thiszone 0 | sigfigs 0 |
 *   snaplen 262144 | linktype 1 (Ethernet)
 * per record (16 bytes + data):
 *   ts_sec | ts_nsec | incl_len | orig_len | the frame's bytes (at most snaplen)
 * </pre>
 *
 * Records are assembled in a reused buffer and written in large blocks; nothing is allocated per
 * frame. {@link #close()} flushes. I/O errors surface as {@link UncheckedIOException} naming
 * the file.
 */
public final class PcapWriter implements Closeable {

    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    public static final short VERSION_MAJOR = 2;
    public static final short VERSION_MINOR = 4;
    public static final int SNAPLEN = 262144;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int GLOBAL_HEADER_BYTES = 24;
    public static final int RECORD_HEADER_BYTES = 16;

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int used;
    private long records;
    private boolean closed;

    /** Creates (or truncates) {@code file} and writes the global header. */
    public PcapWriter(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
        putInt(MAGIC_NANOSECONDS);
        putShort(VERSION_MAJOR);
        putShort(VERSION_MINOR);
        putInt(0); // thiszone: timestamps are UTC (virtual time since the start of the run)
        putInt(0); // sigfigs
        putInt(SNAPLEN);
        putInt(LINKTYPE_ETHERNET);
    }

    public Path file() {
        return file;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Appends one record: {@code length} bytes of {@code data} from {@code offset}, seen at {@code timeNanos}. */
    public void write(long timeNanos, byte[] data, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("pcap " + file + " is closed");
        }
        int incl = Math.min(length, SNAPLEN);
        if (used + RECORD_HEADER_BYTES > BUFFER_BYTES) {
            drain();
        }
        putInt((int) (timeNanos / 1_000_000_000L));
        putInt((int) (timeNanos % 1_000_000_000L));
        putInt(incl);
        putInt(length);
        if (used + incl <= BUFFER_BYTES) {
            System.arraycopy(data, offset, buffer, used, incl);
            used += incl;
        } else {
            drain();
            try {
                out.write(data, offset, incl);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
            }
        }
        records++;
    }

    /** Writes buffered records to the file. */
    public void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            drain();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            closed = true;
        }
    }

    private void drain() {
        if (used == 0) {
            return;
        }
        try {
            out.write(buffer, 0, used);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
        used = 0;
    }

    private void putInt(int v) {
        buffer[used] = (byte) v;
        buffer[used + 1] = (byte) (v >>> 8);
        buffer[used + 2] = (byte) (v >>> 16);
        buffer[used + 3] = (byte) (v >>> 24);
        used += 4;
    }

    private void putShort(short v) {
        buffer[used] = (byte) v;
        buffer[used + 1] = (byte) (v >>> 8);
        used += 2;
    }
}
