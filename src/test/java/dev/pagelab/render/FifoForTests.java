package dev.pagelab.render;

import dev.pagelab.engine.ReplacementPolicy;

/** A first-in, first-out policy for the picture tests' finite memories, so they need no policy package. */
final class FifoForTests implements ReplacementPolicy {
    private int[] queue;
    private int head;
    private int size;

    @Override
    public void reset(int frames) {
        queue = new int[frames];
        head = 0;
        size = 0;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        queue[(head + size++) % queue.length] = frame;
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
    }

    @Override
    public void freed(int frame) {
        // Remove the frame, keeping the others in order.
        int n = 0;
        int[] rest = new int[queue.length];
        for (int i = 0; i < size; i++) {
            int f = queue[(head + i) % queue.length];
            if (f != frame) {
                rest[n++] = f;
            }
        }
        queue = rest;
        head = 0;
        size = n;
    }

    @Override
    public int victim(long now) {
        int f = queue[head];
        head = (head + 1) % queue.length;
        size--;
        return f;
    }

    @Override
    public String name() {
        return "FIFO";
    }
}
