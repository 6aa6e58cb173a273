package org.jlibos.apps.ss;

import java.util.List;

/**
 * ss's column renderer ({@code render_calc_width} and {@code render} in ss.c) for output that
 * is not a terminal, which is always the case for a simulated process: every column is as
 * wide as its widest field (header included) plus its left delimiter, right-aligned columns
 * are padded on the left, left-aligned ones on the right, and nothing is spread to fill a
 * screen.
 */
final class ColumnLayout {

    enum Align { LEFT, RIGHT }

    record Column(String header, Align align, String leftDelimiter) {
    }

    static final int NETID = 0;
    static final int STATE = 1;
    static final int RECV_Q = 2;
    static final int SEND_Q = 3;
    static final int LOCAL_ADDRESS = 4;
    static final int LOCAL_PORT = 5;
    static final int PEER_ADDRESS = 6;
    static final int PEER_PORT = 7;
    static final int PROCESS = 8;
    static final int EXTENSION = 9;

    static final Column[] COLUMNS = {
        new Column("Netid", Align.LEFT, ""),
        new Column("State", Align.LEFT, " "),
        new Column("Recv-Q", Align.LEFT, " "),
        new Column("Send-Q", Align.LEFT, " "),
        new Column("Local Address:", Align.RIGHT, " "),
        new Column("Port", Align.LEFT, ""),
        new Column("Peer Address:", Align.RIGHT, " "),
        new Column("Port", Align.LEFT, ""),
        new Column("Process", Align.LEFT, ""),
        new Column("", Align.LEFT, ""),
    };

    private ColumnLayout() {
    }

    /** The header line's fields. */
    static String[] header() {
        String[] h = new String[COLUMNS.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = COLUMNS[i].header();
        }
        return h;
    }

    /** Renders {@code lines} (one field per column; fields of disabled columns are ignored). */
    static String render(boolean[] enabled, List<String[]> lines) {
        int[] width = new int[COLUMNS.length];
        boolean first = true;
        for (int c = 0; c < COLUMNS.length; c++) {
            if (!enabled[c]) {
                continue;
            }
            int max = 0;
            for (String[] line : lines) {
                max = Math.max(max, line[c].length());
            }
            width[c] = !first && max > 0 ? max + COLUMNS[c].leftDelimiter().length() : max;
            if (width[c] > 0) {
                first = false;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : lines) {
            boolean started = false;
            for (int c = 0; c < COLUMNS.length; c++) {
                if (!enabled[c]) {
                    continue;
                }
                int printed = 0;
                if (started) {
                    sb.append(COLUMNS[c].leftDelimiter());
                    printed = COLUMNS[c].leftDelimiter().length();
                }
                started = true;
                String field = line[c];
                if (width[c] > 0 && COLUMNS[c].align() == Align.RIGHT) {
                    int pad = width[c] - field.length() - printed;
                    if (pad > 0) {
                        sb.append(" ".repeat(pad));
                        printed += pad;
                    }
                }
                sb.append(field);
                printed += field.length();
                if (width[c] > 0 && COLUMNS[c].align() == Align.LEFT && width[c] > printed) {
                    sb.append(" ".repeat(width[c] - printed));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
