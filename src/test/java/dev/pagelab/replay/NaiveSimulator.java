package dev.pagelab.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;

/**
 * Obviously correct, slow simulators over lists of pages, written from the textbook definitions and sharing
 * nothing with the code under test.
 */
final class NaiveSimulator {
    private NaiveSimulator() {}

    static int fifo(long[] trace, int frames) {
        Deque<Long> queue = new ArrayDeque<>();
        int faults = 0;
        for (long page : trace) {
            if (queue.contains(page)) {
                continue;
            }
            faults++;
            if (queue.size() == frames) {
                queue.removeFirst();
            }
            queue.addLast(page);
        }
        return faults;
    }

    static int lru(long[] trace, int frames) {
        List<Long> recency = new LinkedList<>(); // least recent first
        int faults = 0;
        for (long page : trace) {
            if (recency.remove(page)) {
                recency.add(page);
                continue;
            }
            faults++;
            if (recency.size() == frames) {
                recency.remove(0);
            }
            recency.add(page);
        }
        return faults;
    }

    /** Second chance on a circular buffer of slots, filled in order, reference bit set on load and on hit. */
    static int clock(long[] trace, int frames) {
        long[] page = new long[frames];
        boolean[] bit = new boolean[frames];
        int filled = 0;
        int hand = 0;
        int faults = 0;
        outer:
        for (long p : trace) {
            for (int i = 0; i < filled; i++) {
                if (page[i] == p) {
                    bit[i] = true;
                    continue outer;
                }
            }
            faults++;
            if (filled < frames) {
                page[filled] = p;
                bit[filled] = true;
                filled++;
                continue;
            }
            while (bit[hand]) {
                bit[hand] = false;
                hand = (hand + 1) % frames;
            }
            page[hand] = p;
            bit[hand] = true;
            hand = (hand + 1) % frames;
        }
        return faults;
    }

    /** Belady: on a fault with memory full, evict the resident page whose next reference is farthest away. */
    static int opt(long[] trace, int frames) {
        List<Long> resident = new ArrayList<>();
        int faults = 0;
        for (int t = 0; t < trace.length; t++) {
            long p = trace[t];
            if (resident.contains(p)) {
                continue;
            }
            faults++;
            if (resident.size() == frames) {
                int worst = -1;
                int worstNext = -1;
                for (int i = 0; i < resident.size(); i++) {
                    int next = trace.length; // never again
                    for (int u = t + 1; u < trace.length; u++) {
                        if (trace[u] == resident.get(i)) {
                            next = u;
                            break;
                        }
                    }
                    if (next > worstNext) {
                        worstNext = next;
                        worst = i;
                    }
                }
                resident.remove(worst);
            }
            resident.add(p);
        }
        return faults;
    }

    /** ARC as printed in Megiddo and Modha (2003), Fig. 4, on lists of pages (most recent last). */
    static int arc(long[] trace, int c) {
        List<Long> t1 = new ArrayList<>();
        List<Long> t2 = new ArrayList<>();
        List<Long> b1 = new ArrayList<>();
        List<Long> b2 = new ArrayList<>();
        double p = 0;
        int faults = 0;
        for (long x : trace) {
            if (t1.contains(x) || t2.contains(x)) {
                t1.remove(x);
                t2.remove(x);
                t2.add(x);
                continue;
            }
            faults++;
            if (b1.contains(x)) {
                p = Math.min(c, p + (b1.size() >= b2.size() ? 1.0 : (double) b2.size() / b1.size()));
                replace(t1, t2, b1, b2, p, false);
                b1.remove(x);
                t2.add(x);
            } else if (b2.contains(x)) {
                p = Math.max(0, p - (b2.size() >= b1.size() ? 1.0 : (double) b1.size() / b2.size()));
                replace(t1, t2, b1, b2, p, true);
                b2.remove(x);
                t2.add(x);
            } else {
                if (t1.size() + b1.size() == c) {
                    if (t1.size() < c) {
                        b1.remove(0);
                        replace(t1, t2, b1, b2, p, false);
                    } else {
                        t1.remove(0);
                    }
                } else {
                    int total = t1.size() + t2.size() + b1.size() + b2.size();
                    if (total >= c) {
                        if (total == 2 * c) {
                            b2.remove(0);
                        }
                        replace(t1, t2, b1, b2, p, false);
                    }
                }
                t1.add(x);
            }
        }
        return faults;
    }

    private static void replace(List<Long> t1, List<Long> t2, List<Long> b1, List<Long> b2, double p, boolean inB2) {
        if (!t1.isEmpty() && ((inB2 && t1.size() == p) || t1.size() > p)) {
            b1.add(t1.remove(0));
        } else {
            b2.add(t2.remove(0));
        }
    }

    /** Faults of {@code policy} (FIFO, LRU, CLOCK, OPT or ARC) by the simulators above. */
    static int faults(String policy, long[] trace, int frames) {
        switch (policy) {
            case "FIFO": return fifo(trace, frames);
            case "LRU": return lru(trace, frames);
            case "CLOCK": return clock(trace, frames);
            case "OPT": return opt(trace, frames);
            case "ARC": return arc(trace, frames);
            default: throw new IllegalArgumentException(policy);
        }
    }
}
