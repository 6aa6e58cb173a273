package org.jlibos.kernel.buffer;

/**
 * A packet: one byte array with head and tail room, after Linux's {@code sk_buff}.
 *
 * <p>Protocol layers {@link #push(int) push} their header in front of the data on the way
 * down and {@link #pull(int) pull} it off on the way up, so headers are added and removed
 * without copying. Payload bytes are copied only at the socket boundary.
 *
 * <pre>
 *   0          head            tail           capacity
 *   |-headroom-|------data------|--tailroom---|
 * </pre>
 */
public final class PacketBuffer {

    /** Headroom that fits Ethernet + IPv6 + TCP with options, so the usual path never grows. */
    public static final int DEFAULT_HEADROOM = 128;

    private byte[] bytes;
    private int head;
    private int tail;

    public PacketBuffer(int headroom, int capacity) {
        if (headroom < 0 || capacity < headroom) {
            throw new IllegalArgumentException("headroom " + headroom + ", capacity " + capacity);
        }
        this.bytes = new byte[capacity];
        this.head = headroom;
        this.tail = headroom;
    }

    /** A buffer holding a copy of {@code length} bytes of {@code src} with default headroom. */
    public static PacketBuffer copyOf(byte[] src, int offset, int length) {
        PacketBuffer p = new PacketBuffer(DEFAULT_HEADROOM, DEFAULT_HEADROOM + length);
        System.arraycopy(src, offset, p.bytes, p.head, length);
        p.tail = p.head + length;
        return p;
    }

    /** The backing array; valid data is {@code [head(), tail())}. */
    public byte[] array() {
        return bytes;
    }

    public int head() {
        return head;
    }

    public int tail() {
        return tail;
    }

    public int length() {
        return tail - head;
    }

    public int headroom() {
        return head;
    }

    public int tailroom() {
        return bytes.length - tail;
    }

    /** Prepends {@code n} bytes and returns the offset of the new first byte. */
    public int push(int n) {
        if (n > head) {
            grow(n - head + DEFAULT_HEADROOM, 0);
        }
        head -= n;
        return head;
    }

    /** Removes {@code n} bytes from the front and returns the offset of the new first byte. */
    public int pull(int n) {
        if (n > length()) {
            throw new IndexOutOfBoundsException("pull " + n + " of " + length());
        }
        head += n;
        return head;
    }

    /** Appends {@code n} bytes and returns the offset of the first appended byte. */
    public int put(int n) {
        if (n > tailroom()) {
            grow(0, n - tailroom());
        }
        int at = tail;
        tail += n;
        return at;
    }

    /** Cuts the data to {@code newLength} bytes (drops link-layer padding, for example). */
    public void trim(int newLength) {
        if (newLength < 0 || newLength > length()) {
            throw new IndexOutOfBoundsException("trim to " + newLength + " of " + length());
        }
        tail = head + newLength;
    }

    /** A deep copy with the same head- and tailroom, for duplication faults and taps. */
    public PacketBuffer copy() {
        PacketBuffer p = new PacketBuffer(0, bytes.length);
        System.arraycopy(bytes, head, p.bytes, head, length());
        p.head = head;
        p.tail = tail;
        return p;
    }

    private void grow(int extraHead, int extraTail) {
        byte[] bigger = new byte[bytes.length + extraHead + extraTail];
        System.arraycopy(bytes, head, bigger, head + extraHead, length());
        bytes = bigger;
        head += extraHead;
        tail += extraHead;
    }
}
