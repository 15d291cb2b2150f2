package dev.orfeas.mesh.foreground;

import java.util.Arrays;

/** 4-connected component labelling of a mask's inside cells. */
final class Components {

    final int[] labels;
    final int[] areas;

    private Components(int[] labels, int[] areas) {
        this.labels = labels;
        this.areas = areas;
    }

    /** Labels start at 1; 0 marks outside cells. {@code areas[label]} is each component's size. */
    static Components label(Mask mask) {
        int w = mask.width();
        int h = mask.height();
        boolean[] in = mask.cells();
        int[] labels = new int[w * h];
        int[] stack = new int[w * h];
        int[] areas = new int[16];
        int next = 1;
        for (int start = 0; start < in.length; start++) {
            if (!in[start] || labels[start] != 0) {
                continue;
            }
            if (next == areas.length) {
                areas = Arrays.copyOf(areas, areas.length * 2);
            }
            int top = 0;
            stack[top++] = start;
            labels[start] = next;
            int area = 0;
            while (top > 0) {
                int p = stack[--top];
                area++;
                int x = p % w;
                int y = p / w;
                if (x > 0) top = push(in, labels, stack, top, p - 1, next);
                if (x < w - 1) top = push(in, labels, stack, top, p + 1, next);
                if (y > 0) top = push(in, labels, stack, top, p - w, next);
                if (y < h - 1) top = push(in, labels, stack, top, p + w, next);
            }
            areas[next++] = area;
        }
        return new Components(labels, Arrays.copyOf(areas, next));
    }

    private static int push(boolean[] in, int[] labels, int[] stack, int top, int p, int label) {
        if (in[p] && labels[p] == 0) {
            labels[p] = label;
            stack[top++] = p;
        }
        return top;
    }

    int largestArea() {
        int max = 0;
        for (int a : areas) {
            max = Math.max(max, a);
        }
        return max;
    }

    /** A mask keeping only components of at least {@code minArea} cells. */
    Mask keepAtLeast(Mask mask, int minArea) {
        Mask out = new Mask(mask.width(), mask.height());
        boolean[] cells = out.cells();
        for (int i = 0; i < labels.length; i++) {
            cells[i] = labels[i] != 0 && areas[labels[i]] >= minArea;
        }
        return out;
    }
}
