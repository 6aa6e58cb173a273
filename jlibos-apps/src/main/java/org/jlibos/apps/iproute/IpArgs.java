package org.jlibos.apps.iproute;

import java.util.List;

/** The words of an {@code ip} command line, consumed left to right as iproute2 does. */
final class IpArgs {

    private final List<String> words;
    private int pos;

    IpArgs(List<String> words, int start) {
        this.words = words;
        this.pos = start;
    }

    boolean hasNext() {
        return pos < words.size();
    }

    String peek() {
        return words.get(pos);
    }

    String next() {
        return words.get(pos++);
    }

    /** iproute2's NEXT_ARG(): the value of the keyword just read, which must be there. */
    String value() throws IpException {
        if (!hasNext()) {
            throw IpException.incomplete();
        }
        return next();
    }

    /**
     * iproute2's {@code matches()}: true when {@code word} is a non-empty prefix of
     * {@code keyword}, so "ip a", "ip ad" and "ip address" all mean the same.
     */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }
}
