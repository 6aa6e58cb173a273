package org.jlibos.apps.iperf;

import java.nio.charset.StandardCharsets;

import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.Syscalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * iperf3's control protocol: a 37-byte cookie, one-byte state messages, and JSON blocks
 * prefixed by their 4-byte big-endian length, in the order iperf3 3.x uses them.
 */
final class IperfProtocol {

    static final int TEST_START = 1;
    static final int TEST_RUNNING = 2;
    static final int TEST_END = 4;
    static final int PARAM_EXCHANGE = 9;
    static final int CREATE_STREAMS = 10;
    static final int EXCHANGE_RESULTS = 13;
    static final int DISPLAY_RESULTS = 14;
    static final int IPERF_DONE = 16;
    static final int COOKIE_SIZE = 37;
    static final int DEFAULT_PORT = 5201;
    /** iperf3's default TCP block size: 128 KiB. */
    static final int DEFAULT_BLOCK = 128 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private IperfProtocol() {
    }

    static void writeFully(Syscalls sys, int fd, byte[] data) throws ErrnoException {
        int done = 0;
        while (done < data.length) {
            done += sys.write(fd, data, done, data.length - done);
        }
    }

    static void readFully(Syscalls sys, int fd, byte[] into) throws ErrnoException {
        int done = 0;
        while (done < into.length) {
            int n = sys.read(fd, into, done, into.length - done);
            if (n == 0) {
                throw new ErrnoException("read", Errno.ECONNRESET);
            }
            done += n;
        }
    }

    static void writeState(Syscalls sys, int fd, int state) throws ErrnoException {
        writeFully(sys, fd, new byte[] {(byte) state});
    }

    static int readState(Syscalls sys, int fd) throws ErrnoException {
        byte[] b = new byte[1];
        readFully(sys, fd, b);
        return b[0];
    }

    static void expectState(Syscalls sys, int fd, int expected) throws ErrnoException {
        int got = readState(sys, fd);
        if (got != expected) {
            throw new IllegalStateException("iperf3 control: expected state " + expected + ", got " + got);
        }
    }

    static void writeJson(Syscalls sys, int fd, JsonNode node) throws Exception {
        byte[] body = JSON.writeValueAsBytes(node);
        byte[] len = {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8), (byte) body.length};
        writeFully(sys, fd, len);
        writeFully(sys, fd, body);
    }

    static ObjectNode readJson(Syscalls sys, int fd) throws Exception {
        byte[] len = new byte[4];
        readFully(sys, fd, len);
        int n = ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
        byte[] body = new byte[n];
        readFully(sys, fd, body);
        return (ObjectNode) JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    /** A cookie like iperf3's: 36 characters of [a-z2-7] and a NUL. */
    static byte[] cookie(java.util.random.RandomGenerator random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        byte[] c = new byte[COOKIE_SIZE];
        for (int i = 0; i < COOKIE_SIZE - 1; i++) {
            c[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return c;
    }
}
