package org.jlibos.kernel.wire;

import java.util.Arrays;

/**
 * Big-endian (network byte order) reads and writes of unsigned fields in byte arrays: the one
 * place where the wire layer turns bytes into numbers.
 *
 * <p>Unsigned 8- and 16-bit fields come back as {@code int}. A 32-bit field comes back either
 * as its raw bits in an {@code int} ({@link #getI32}, what sequence numbers and addresses use,
 * since their arithmetic wraps) or as an unsigned {@code long} ({@link #getU32}, for values that
 * are compared or printed as numbers). 48-bit MAC addresses live in the low bits of a
 * {@code long}. Nothing here allocates; an offset out of range throws
 * {@link ArrayIndexOutOfBoundsException} like any array access.
 */
public final class Bytes {

    private Bytes() {
    }

    /** Unsigned byte at {@code off}, 0..255. */
    public static int getU8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    /** Unsigned big-endian 16-bit value at {@code off}, 0..65535. */
    public static int getU16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** Big-endian 32-bit value at {@code off} as raw bits (negative when the top bit is set). */
    public static int getI32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16)
                | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** Unsigned big-endian 32-bit value at {@code off}, 0..2^32-1. */
    public static long getU32(byte[] b, int off) {
        return getI32(b, off) & 0xffff_ffffL;
    }

    /** Unsigned big-endian 48-bit value at {@code off} (a MAC address), in the low bits. */
    public static long getU48(byte[] b, int off) {
        return ((long) getU16(b, off) << 32) | getU32(b, off + 2);
    }

    /** Big-endian 64-bit value at {@code off}. */
    public static long getI64(byte[] b, int off) {
        return ((long) getI32(b, off) << 32) | getU32(b, off + 4);
    }

    /** Writes the low 8 bits of {@code v}. */
    public static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    /** Writes the low 16 bits of {@code v}, big-endian. */
    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /** Writes the 32 bits of {@code v}, big-endian. */
    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Writes the low 32 bits of {@code v} (for callers holding an unsigned value in a long). */
    public static void put32(byte[] b, int off, long v) {
        put32(b, off, (int) v);
    }

    /** Writes the low 48 bits of {@code v} (a MAC address), big-endian. */
    public static void putU48(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 32));
        put32(b, off + 2, (int) v);
    }

    /** Writes the 64 bits of {@code v}, big-endian. */
    public static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) (v >>> 32));
        put32(b, off + 4, (int) v);
    }

    /**
     * Parses a hex dump such as {@code "45 00 00 54"} or {@code "4500:0054"} into bytes, ignoring
     * whitespace, ':' and '-'. For tests, scenario files and debugging; allocates.
     *
     * @throws IllegalArgumentException on a non-hex character or an odd number of digits
     */
    public static byte[] fromHex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        int n = 0;
        int high = -1;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (Character.isWhitespace(c) || c == ':' || c == '-') {
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                throw new IllegalArgumentException("not a hex digit '" + c + "' at index " + i + " in: " + hex);
            }
            if (high < 0) {
                high = digit;
            } else {
                out[n++] = (byte) ((high << 4) | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new IllegalArgumentException("odd number of hex digits in: " + hex);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Lower-case hex of {@code len} bytes at {@code off}, no separators. Allocates. */
    public static String toHex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            sb.append(Character.forDigit((b[i] >>> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
