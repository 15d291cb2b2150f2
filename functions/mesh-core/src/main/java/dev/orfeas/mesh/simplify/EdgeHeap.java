package dev.orfeas.mesh.simplify;

import java.util.Arrays;

/**
 * A binary min-heap of edge-collapse candidates in parallel primitive arrays. Entries carry the version stamps of
 * their endpoints so stale ones can be skipped when popped (lazy invalidation). Equal costs order by edge index,
 * so the order never depends on anything but the input.
 */
final class EdgeHeap {

    private double[] cost;
    private long[] edge;
    private long[] stamp;
    private int size;

    /** Endpoints and stamp of the entry last returned by {@link #pop()}. */
    int poppedU;
    int poppedV;
    long poppedStamp;

    EdgeHeap(int capacity) {
        int c = Math.max(16, capacity);
        cost = new double[c];
        edge = new long[c];
        stamp = new long[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    static long stampOf(int versionU, int versionV) {
        return ((long) versionU << 32) | (versionV & 0xffffffffL);
    }

    /** Appends without restoring heap order; call {@link #heapify()} once after a batch of these. */
    void append(double c, int u, int v, long s) {
        if (size == cost.length) {
            grow();
        }
        cost[size] = c;
        edge[size] = ((long) u << 32) | (v & 0xffffffffL);
        stamp[size] = s;
        size++;
    }

    void heapify() {
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    void push(double c, int u, int v, long s) {
        append(c, u, v, s);
        siftUp(size - 1);
    }

    /** Removes the cheapest entry, exposing it through the popped fields. */
    void pop() {
        long e = edge[0];
        poppedU = (int) (e >>> 32);
        poppedV = (int) e;
        poppedStamp = stamp[0];
        size--;
        if (size > 0) {
            cost[0] = cost[size];
            edge[0] = edge[size];
            stamp[0] = stamp[size];
            siftDown(0);
        }
    }

    private boolean less(int i, int j) {
        return cost[i] < cost[j] || (cost[i] == cost[j] && edge[i] < edge[j]);
    }

    private void siftUp(int i) {
        double c = cost[i];
        long e = edge[i];
        long s = stamp[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!(c < cost[parent] || (c == cost[parent] && e < edge[parent]))) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        cost[i] = c;
        edge[i] = e;
        stamp[i] = s;
    }

    private void siftDown(int i) {
        double c = cost[i];
        long e = edge[i];
        long s = stamp[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && less(child + 1, child)) {
                child++;
            }
            if (!(cost[child] < c || (cost[child] == c && edge[child] < e))) {
                break;
            }
            move(child, i);
            i = child;
        }
        cost[i] = c;
        edge[i] = e;
        stamp[i] = s;
    }

    private void move(int from, int to) {
        cost[to] = cost[from];
        edge[to] = edge[from];
        stamp[to] = stamp[from];
    }

    private void grow() {
        int c = cost.length * 2;
        cost = Arrays.copyOf(cost, c);
        edge = Arrays.copyOf(edge, c);
        stamp = Arrays.copyOf(stamp, c);
    }
}
