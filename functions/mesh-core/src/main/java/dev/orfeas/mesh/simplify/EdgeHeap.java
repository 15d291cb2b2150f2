package dev.orfeas.mesh.simplify;

import java.util.Arrays;

/**
 * An 8-ary min-heap of edge-collapse candidates. The heap itself is one {@code long[]} of keys (cost as float bits
 * above, entry id below), so sifting touches a single compact array; endpoints and their versions live in a side
 * pool whose ids are recycled. Stale entries are skipped by the caller when popped (lazy invalidation). Equal costs
 * order by entry id, so the order never depends on anything but the input.
 */
final class EdgeHeap {

    /** Ints per pool entry: endpoints u, v and their versions when queued; one 16-byte block, one cache line. */
    private static final int ENTRY = 4;
    /** Children per node: eight 8-byte keys fill a cache line, so a pop walks fewer, fuller lines. */
    private static final int SHIFT = 3;
    private static final int ARITY = 1 << SHIFT;

    private final int[] version;
    private long[] keys;
    private int size;
    private int[] pool;
    private int[] free;
    private int freeCount;
    private int poolUsed;

    /** Endpoints of the entry last returned by {@link #pop()}. */
    int poppedU;
    int poppedV;

    /** @param version per-vertex versions, bumped whenever a vertex changes; entries queued before are stale */
    EdgeHeap(int capacity, int[] version) {
        int c = Math.max(16, capacity);
        this.version = version;
        keys = new long[c];
        pool = new int[ENTRY * c];
        free = new int[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /**
     * Drops every stale entry, then restores heap order. Freed ids are recycled lowest first, whatever the heap's
     * layout, so the shape of the heap never affects which id (and so which tie-break) a later entry gets.
     */
    void dropStale() {
        boolean[] stale = new boolean[poolUsed];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long k = keys[i];
            int id = (int) k;
            if (isCurrent(id)) {
                keys[kept++] = k;
            } else {
                stale[id] = true;
            }
        }
        for (int id = poolUsed - 1; id >= 0; id--) {
            if (stale[id]) {
                free[freeCount++] = id;
            }
        }
        size = kept;
        heapify();
    }

    private boolean isCurrent(int id) {
        int o = ENTRY * id;
        int[] p = pool;
        return p[o + 2] == version[p[o]] && p[o + 3] == version[p[o + 1]];
    }

    /** Appends without restoring heap order; call {@link #heapify()} once after a batch of these. */
    void append(double cost, int u, int v) {
        int id = freeCount > 0 ? free[--freeCount] : newId();
        int o = ENTRY * id;
        pool[o] = u;
        pool[o + 1] = v;
        pool[o + 2] = version[u];
        pool[o + 3] = version[v];
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
        }
        keys[size++] = key(cost, id);
    }

    void heapify() {
        for (int i = (size - 2) >> SHIFT; i >= 0; i--) {
            siftDown(i, keys[i]);
        }
    }

    void push(double cost, int u, int v) {
        append(cost, u, v);
        siftUp(size - 1);
    }

    /** Removes the cheapest entry, exposing its endpoints through the popped fields; false if it was stale. */
    boolean pop() {
        int id = (int) keys[0];
        boolean current = isCurrent(id);
        poppedU = pool[ENTRY * id];
        poppedV = pool[ENTRY * id + 1];
        free[freeCount++] = id;
        size--;
        if (size > 0) {
            siftDown(0, keys[size]);
        }
        return current;
    }

    private static long key(double cost, int id) {
        float c = cost >= 0 && cost < Float.MAX_VALUE ? (float) cost : Float.MAX_VALUE;
        return ((long) Float.floatToRawIntBits(c) << 32) | id;
    }

    private int newId() {
        if (poolUsed == free.length) {
            int c = 2 * poolUsed;
            pool = Arrays.copyOf(pool, ENTRY * c);
            free = Arrays.copyOf(free, c);
        }
        return poolUsed++;
    }

    private void siftUp(int i) {
        long k = keys[i];
        while (i > 0) {
            int parent = (i - 1) >> SHIFT;
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
            int first = (i << SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bk = h[first];
            int last = Math.min(first + ARITY, n);
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
