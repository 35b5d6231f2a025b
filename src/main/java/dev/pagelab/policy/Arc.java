package dev.pagelab.policy;

import dev.pagelab.internal.LongIntMap;
import dev.pagelab.engine.PageAwarePolicy;

/**
 * ARC, the adaptive replacement cache of Megiddo and Modha (FAST 2003), on {@code c} frames. Resident pages
 * are split between T1 (seen once recently) and T2 (seen at least twice); the ghost lists B1 and B2 remember
 * the pages recently evicted from each. A fault on a ghost moves the target size {@code p} of T1 towards the
 * list that would have kept it: by {@code max(1, |B2|/|B1|)} up for a B1 ghost, by {@code max(1, |B1|/|B2|)}
 * down for a B2 ghost, within {@code [0, c]}. The victim is the least recent page of T1 when
 * {@code |T1| > p} (or {@code |T1| = p} and the faulting page is a B2 ghost), otherwise of T2.
 *
 * <p>Ghosts are pages, not frames, so ARC is a {@link PageAwarePolicy}: whoever drives it calls
 * {@link #faulting} with the page before {@link #victim} and {@link #loaded}. Without that call ARC still runs,
 * but sees no ghost hits. T1 and T2 are intrusive lists over frames; B1 and B2 are intrusive lists over
 * {@code 2c} ghost slots with a page-to-slot {@link LongIntMap}; nothing is allocated per call.
 */
public final class Arc extends NamedPolicy implements PageAwarePolicy {
    private static final int T1 = 0;
    private static final int T2 = 1;
    private static final int B1 = 0;
    private static final int B2 = 1;
    private static final int NONE = IntLists.NONE;

    private int c;
    private double p;
    private IntLists resident;
    private long[] pageOf;
    private boolean[] known;
    private IntLists ghosts;
    private long[] ghostPage;
    private int[] freeSlots;
    private int freeCount;
    private LongIntMap ghostSlot;

    private boolean pending;
    private long pendingPage;
    private int pendingTarget;
    private boolean pendingFromB2;
    private boolean evictWithoutGhost;

    /** A policy with no frames yet; {@link #reset} gives it some. */
    public Arc() {
        super("ARC");
    }

    @Override
    public void reset(int frames) {
        c = Frames.check(frames);
        p = 0;
        resident = new IntLists(c, 2);
        pageOf = new long[c];
        known = new boolean[c];
        ghosts = new IntLists(2 * c, 2);
        ghostPage = new long[2 * c];
        freeSlots = new int[2 * c];
        for (int i = 0; i < 2 * c; i++) {
            freeSlots[i] = 2 * c - 1 - i;
        }
        freeCount = 2 * c;
        ghostSlot = new LongIntMap(2 * c);
        pending = false;
    }

    /** The current target size of T1, between 0 and the number of frames. */
    public double target() {
        return p;
    }

    @Override
    public void faulting(long page, long now) {
        pending = true;
        pendingPage = page;
        pendingFromB2 = false;
        evictWithoutGhost = false;
        int g = ghostSlot.get(page);
        if (g >= 0) {
            int b1 = ghosts.size(B1);
            int b2 = ghosts.size(B2);
            if (ghosts.listOf(g) == B1) {
                p = Math.min(c, p + (b1 >= b2 ? 1.0 : (double) b2 / b1));
            } else {
                p = Math.max(0, p - (b2 >= b1 ? 1.0 : (double) b1 / b2));
                pendingFromB2 = true;
            }
            dropGhost(g);
            pendingTarget = T2;
            return;
        }
        pendingTarget = T1;
        int t1 = resident.size(T1);
        int l1 = t1 + ghosts.size(B1);
        if (l1 >= c) {
            if (t1 < c) {
                dropGhost(ghosts.last(B1));
            } else {
                evictWithoutGhost = true;
            }
        } else {
            int total = l1 + resident.size(T2) + ghosts.size(B2);
            if (total >= 2 * c) {
                dropGhost(ghosts.last(B2));
            }
        }
    }

    @Override
    public int victim(long now) {
        int t1 = resident.size(T1);
        int from;
        if (evictWithoutGhost) {
            evictWithoutGhost = false;
            int frame = resident.removeLast(T1);
            if (frame == NONE) {
                frame = resident.removeLast(T2);
            }
            known[Frames.victim(frame, name())] = false;
            return frame;
        }
        if (t1 >= 1 && ((pendingFromB2 && t1 == p) || t1 > p)) {
            from = T1;
        } else {
            from = T2;
        }
        if (resident.size(from) == 0) {
            from = 1 - from;
        }
        int frame = Frames.victim(resident.removeLast(from), name());
        if (known[frame]) {
            known[frame] = false;
            remember(pageOf[frame], from == T1 ? B1 : B2);
        }
        return frame;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        resident.remove(frame);
        if (pending) {
            pending = false;
            pageOf[frame] = pendingPage;
            known[frame] = true;
            resident.addFirst(pendingTarget, frame);
        } else {
            known[frame] = false;
            resident.addFirst(T1, frame);
        }
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        resident.moveToFirst(T2, frame);
    }

    @Override
    public void freed(int frame) {
        resident.remove(frame);
        known[frame] = false;
    }

    private void remember(long page, int list) {
        if (freeCount == 0) {
            // Cannot happen while the lists keep ARC's bounds; stay safe if a caller bends the protocol.
            dropGhost(ghosts.size(B2) > 0 ? ghosts.last(B2) : ghosts.last(B1));
        }
        int g = freeSlots[--freeCount];
        ghostPage[g] = page;
        ghostSlot.put(page, g);
        ghosts.addFirst(list, g);
    }

    private void dropGhost(int g) {
        if (g == NONE) {
            return;
        }
        ghosts.remove(g);
        ghostSlot.remove(ghostPage[g]);
        freeSlots[freeCount++] = g;
    }
}
