package org.jlibos.kernel.socket;

import java.util.Arrays;

/** A small ordered list of readiness watchers, allocation-free when nobody watches. */
final class Watchers {

    private ReadinessWatcher[] list;
    private int count;

    void add(ReadinessWatcher w) {
        if (list == null) {
            list = new ReadinessWatcher[2];
        } else if (count == list.length) {
            list = Arrays.copyOf(list, count * 2);
        }
        list[count++] = w;
    }

    void remove(ReadinessWatcher w) {
        for (int i = 0; i < count; i++) {
            if (list[i] == w) {
                System.arraycopy(list, i + 1, list, i, count - i - 1);
                list[--count] = null;
                return;
            }
        }
    }

    void notifyAll(OpenFile file) {
        for (int i = 0; i < count; i++) {
            list[i].readinessChanged(file);
        }
    }

    boolean isEmpty() {
        return count == 0;
    }
}
