package dev.orfeas.mesh.simplify;

import java.util.Arrays;

/**
 * A 4-ary min-heap of edge-collapse candidates. The heap itself is one {@code long[]} of keys (cost as float bits
 * above, entry id below), so sifting touches a single compact array; endpoints and version stamps live in a side
 * pool whose ids are recycled. Stale entries are skipped by the caller when popped (lazy invalidation). Equal costs
 * order by entry id, so the order never depends on anything but the input.
 */
final class EdgeHeap {

    private long[] keys;
    private int size;
    private int[] endU;
    private int[] endV;
    private long[] stamps;
    private int[] free;
    private int freeCount;
    private int poolUsed;

    /** Endpoints and stamp of the entry last returned by {@link #pop()}. */
    int poppedU;
    int poppedV;
    long poppedStamp;

    EdgeHeap(int capacity) {
        int c = Math.max(16, capacity);
        keys = new long[c];
        endU = new int[c];
        endV = new int[c];
        stamps = new long[c];
        free = new int[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Drops every entry whose stamp no longer matches its endpoints' versions, then restores heap order. */
    void dropStale(int[] version) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long k = keys[i];
            int id = (int) k;
            if (stamps[id] == stampOf(version[endU[id]], version[endV[id]])) {
                keys[kept++] = k;
            } else {
                free[freeCount++] = id;
            }
        }
        size = kept;
        heapify();
    }

    static long stampOf(int versionU, int versionV) {
        return ((long) versionU << 32) | (versionV & 0xffffffffL);
    }

    /** Appends without restoring heap order; call {@link #heapify()} once after a batch of these. */
    void append(double cost, int u, int v, long stamp) {
        int id = freeCount > 0 ? free[--freeCount] : newId();
        endU[id] = u;
        endV[id] = v;
        stamps[id] = stamp;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
        }
        keys[size++] = key(cost, id);
    }

    void heapify() {
        for (int i = (size - 2) >> 2; i >= 0; i--) {
            siftDown(i, keys[i]);
        }
    }

    void push(double cost, int u, int v, long stamp) {
        append(cost, u, v, stamp);
        siftUp(size - 1);
    }

    /** Removes the cheapest entry, exposing it through the popped fields. */
    void pop() {
        int id = (int) keys[0];
        poppedU = endU[id];
        poppedV = endV[id];
        poppedStamp = stamps[id];
        free[freeCount++] = id;
        size--;
        if (size > 0) {
            siftDown(0, keys[size]);
        }
    }

    private static long key(double cost, int id) {
        float c = cost >= 0 && cost < Float.MAX_VALUE ? (float) cost : Float.MAX_VALUE;
        return ((long) Float.floatToRawIntBits(c) << 32) | id;
    }

    private int newId() {
        if (poolUsed == endU.length) {
            int c = 2 * poolUsed;
            endU = Arrays.copyOf(endU, c);
            endV = Arrays.copyOf(endV, c);
            stamps = Arrays.copyOf(stamps, c);
            free = Arrays.copyOf(free, c);
        }
        return poolUsed++;
    }

    private void siftUp(int i) {
        long k = keys[i];
        while (i > 0) {
            int parent = (i - 1) >> 2;
            long pk = keys[parent];
            if (pk <= k) {
                break;
            }
            keys[i] = pk;
            i = parent;
        }
        keys[i] = k;
    }

    private void siftDown(int i, long k) {
        long[] h = keys;
        int n = size;
        while (true) {
            int first = 4 * i + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bk = h[first];
            int last = Math.min(first + 4, n);
            for (int c = first + 1; c < last; c++) {
                if (h[c] < bk) {
                    bk = h[c];
                    best = c;
                }
            }
            if (bk >= k) {
                break;
            }
            h[i] = bk;
            i = best;
        }
        h[i] = k;
    }
}
