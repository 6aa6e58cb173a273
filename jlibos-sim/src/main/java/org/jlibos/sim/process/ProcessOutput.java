package org.jlibos.sim.process;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Captured output of one process stream (stdout or stderr), kept in memory up to a limit so a
 * program printing in a loop cannot exhaust the heap; what is cut is counted and reported.
 */
public final class ProcessOutput extends OutputStream {

    /** Bytes kept per stream. */
    public static final int DEFAULT_LIMIT = 64 << 20;

    private final int limit;
    private byte[] bytes = new byte[256];
    private int size;
    private long dropped;
    private long hash = 0xcbf29ce484222325L;

    public ProcessOutput() {
        this(DEFAULT_LIMIT);
    }

    public ProcessOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        if (size >= limit) {
            dropped++;
            return;
        }
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, bytes.length * 2));
        }
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            hash = (hash ^ (b[off + i] & 0xff)) * 0x100000001b3L;
        }
        int keep = Math.max(0, Math.min(len, limit - size));
        if (size + keep > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + keep, bytes.length * 2)));
        }
        System.arraycopy(b, off, bytes, size, keep);
        size += keep;
        dropped += len - keep;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The output as UTF-8 text. */
    public String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    public int size() {
        return size;
    }

    /** Bytes written beyond the limit and not kept. */
    public long dropped() {
        return dropped;
    }

    /** FNV-1a hash of everything written, kept or not; part of the run's trace hash. */
    public long hash() {
        return hash;
    }
}
