package org.jlibos.packetdrill.packet;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jlibos.kernel.wire.Bytes;
import org.jlibos.kernel.wire.TcpOptions;
import org.jlibos.packetdrill.script.TcpOption;

/**
 * Script TCP options to wire bytes in the order written, and a walk over the options of a live
 * segment. The kernel's {@link TcpOptions} writes Linux's fixed layout; a script may put options
 * in any order (and a peer may too), so the runner encodes them itself.
 */
public final class TcpOptionCodec {

    private TcpOptionCodec() {
    }

    /** The wire bytes of {@code options}; the caller checks the 4-byte multiple and 40-byte limit. */
    public static byte[] encode(List<TcpOption> options) {
        byte[] b = new byte[encodedLength(options)];
        int at = 0;
        for (TcpOption o : options) {
            switch (o) {
                case TcpOption.Nop n -> b[at++] = (byte) TcpOptions.KIND_NOP;
                case TcpOption.Eol e -> b[at++] = (byte) TcpOptions.KIND_EOL;
                case TcpOption.Mss m -> {
                    b[at] = (byte) TcpOptions.KIND_MSS;
                    b[at + 1] = (byte) TcpOptions.LENGTH_MSS;
                    Bytes.put16(b, at + 2, m.value());
                    at += TcpOptions.LENGTH_MSS;
                }
                case TcpOption.WindowScale w -> {
                    b[at] = (byte) TcpOptions.KIND_WINDOW_SCALE;
                    b[at + 1] = (byte) TcpOptions.LENGTH_WINDOW_SCALE;
                    b[at + 2] = (byte) w.shift();
                    at += TcpOptions.LENGTH_WINDOW_SCALE;
                }
                case TcpOption.SackPermitted s -> {
                    b[at] = (byte) TcpOptions.KIND_SACK_PERMITTED;
                    b[at + 1] = (byte) TcpOptions.LENGTH_SACK_PERMITTED;
                    at += TcpOptions.LENGTH_SACK_PERMITTED;
                }
                case TcpOption.Sack s -> {
                    int len = TcpOptions.LENGTH_SACK_BASE + TcpOptions.LENGTH_SACK_PER_BLOCK * s.blocks().size();
                    b[at] = (byte) TcpOptions.KIND_SACK;
                    b[at + 1] = (byte) len;
                    int p = at + 2;
                    for (long[] block : s.blocks()) {
                        Bytes.put32(b, p, (int) block[0]);
                        Bytes.put32(b, p + 4, (int) block[1]);
                        p += 8;
                    }
                    at += len;
                }
                case TcpOption.Timestamp t -> {
                    b[at] = (byte) TcpOptions.KIND_TIMESTAMP;
                    b[at + 1] = (byte) TcpOptions.LENGTH_TIMESTAMP;
                    Bytes.put32(b, at + 2, (int) t.val());
                    Bytes.put32(b, at + 6, (int) t.ecr());
                    at += TcpOptions.LENGTH_TIMESTAMP;
                }
                case TcpOption.Md5 m -> {
                    byte[] sig = HexFormat.of().parseHex(m.hex());
                    b[at] = (byte) TcpOptions.KIND_MD5;
                    b[at + 1] = (byte) (2 + sig.length);
                    System.arraycopy(sig, 0, b, at + 2, sig.length);
                    at += 2 + sig.length;
                }
                case TcpOption.FastOpen f -> {
                    byte[] cookie = HexFormat.of().parseHex(f.cookieHex());
                    if (f.experimental()) {
                        b[at] = (byte) TcpOptions.KIND_EXPERIMENTAL;
                        b[at + 1] = (byte) (4 + cookie.length);
                        Bytes.put16(b, at + 2, TcpOptions.FAST_OPEN_EXPERIMENTAL_MAGIC);
                        System.arraycopy(cookie, 0, b, at + 4, cookie.length);
                        at += 4 + cookie.length;
                    } else {
                        b[at] = (byte) TcpOptions.KIND_FAST_OPEN;
                        b[at + 1] = (byte) (2 + cookie.length);
                        System.arraycopy(cookie, 0, b, at + 2, cookie.length);
                        at += 2 + cookie.length;
                    }
                }
            }
        }
        return b;
    }

    public static int encodedLength(List<TcpOption> options) {
        int n = 0;
        for (TcpOption o : options) {
            n += switch (o) {
                case TcpOption.Nop x -> 1;
                case TcpOption.Eol x -> 1;
                case TcpOption.Mss x -> TcpOptions.LENGTH_MSS;
                case TcpOption.WindowScale x -> TcpOptions.LENGTH_WINDOW_SCALE;
                case TcpOption.SackPermitted x -> TcpOptions.LENGTH_SACK_PERMITTED;
                case TcpOption.Sack s -> TcpOptions.LENGTH_SACK_BASE + TcpOptions.LENGTH_SACK_PER_BLOCK * s.blocks().size();
                case TcpOption.Timestamp x -> TcpOptions.LENGTH_TIMESTAMP;
                case TcpOption.Md5 m -> 2 + m.hex().length() / 2;
                case TcpOption.FastOpen f -> (f.experimental() ? 4 : 2) + f.cookieHex().length() / 2;
            };
        }
        return n;
    }

    /** One option of a live header: kind, offset of its kind byte in the array, total length. */
    public record RawOption(int kind, int offset, int length) {
    }

    /**
     * The options in {@code b[off, off+len)} in order, as packetdrill's options iterator walks them:
     * EOL and NOP are one byte, everything else has a length byte. Returns null when the list is
     * malformed (a length below 2 or running past the end).
     */
    public static List<RawOption> walk(byte[] b, int off, int len) {
        List<RawOption> list = new ArrayList<>();
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == TcpOptions.KIND_EOL || kind == TcpOptions.KIND_NOP) {
                list.add(new RawOption(kind, i, 1));
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return null;
            }
            int size = b[i + 1] & 0xff;
            if (size < 2 || i + size > end) {
                return null;
            }
            list.add(new RawOption(kind, i, size));
            i += size;
        }
        return list;
    }

    /** The TS option in a live header's options, or null. */
    public static RawOption findTimestamp(byte[] b, int off, int len) {
        List<RawOption> opts = walk(b, off, len);
        if (opts == null) {
            return null;
        }
        for (RawOption o : opts) {
            if (o.kind() == TcpOptions.KIND_TIMESTAMP && o.length() == TcpOptions.LENGTH_TIMESTAMP) {
                return o;
            }
        }
        return null;
    }
}
