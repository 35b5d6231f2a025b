package dev.pagelab.policy;

import dev.pagelab.internal.LongIntMap;

import java.util.Arrays;

/**
 * OPT, Belady's MIN: the victim is the page whose next reference lies farthest in the future, or that is
 * never referenced again. It needs the future, given as a next-use array over a recorded trace:
 * {@code nextUse[i]} is the index of the next reference to the page of reference {@code i}, or {@link #NEVER}.
 * The logical time {@code now} passed to {@link #loaded} and {@link #referenced} must be the reference's index
 * in that trace; a time past the end of the array counts as never used again.
 *
 * <p>Frames sit in a binary max-heap on their next use: a reference is O(log frames), a victim is the root.
 * The victim is left at the root until {@link #loaded} puts the new page in the same frame, which then costs
 * one sift down instead of a removal and an insertion.
 */
public final class Opt extends NamedPolicy {
    /** The next use of a page that is never referenced again. */
    public static final int NEVER = Integer.MAX_VALUE;

    /** References per segment of a next-use array kept off the heap: 2^28 ints, one GiB. */
    public static final int SEGMENT_SHIFT = 28;

    private final int[] nextUse;
    private final java.nio.IntBuffer[] segments; // the next uses off the heap, when nextUse is null
    private final long length;
    private int[] heap;
    private int[] slot;
    private int[] key;
    private int size;
    private int pending = -1;

    /**
     * OPT over a future given as a next-use array (see the class comment). The array is used as it is, not
     * copied, since it is as long as the trace; it must not change while the policy runs.
     */
    public Opt(int[] nextUse) {
        super("OPT");
        this.nextUse = java.util.Objects.requireNonNull(nextUse, "nextUse");
        this.segments = null;
        this.length = nextUse.length;
    }

    /**
     * OPT over a next-use array of {@code length} references kept off the heap (in a memory-mapped file, say),
     * in segments of {@code 2^}{@value #SEGMENT_SHIFT} ints: reference {@code i} is in segment
     * {@code i >>> SEGMENT_SHIFT} at index {@code i & (2^SEGMENT_SHIFT - 1)}. The buffers are read, not copied.
     */
    public Opt(java.nio.IntBuffer[] segments, long length) {
        super("OPT");
        this.nextUse = null;
        this.segments = segments.clone();
        this.length = length;
        if (length < 0 || length > ((long) segments.length << SEGMENT_SHIFT)) {
            throw new IllegalArgumentException(length + " next uses do not fit in " + segments.length + " segments");
        }
    }

    /** OPT for the future {@code pages}: the page numbers of the trace about to be replayed, in order. */
    public static Opt forPages(long... pages) {
        return new Opt(nextUses(pages));
    }

    /**
     * The next-use array of {@code pages}: for each index, the index of the next reference to the same page. Pages
     * within a span no longer than the trace (or 2^20) are found by an array indexed by page, in one pass from the
     * end; others by a hash map, in one pass from the start.
     */
    public static int[] nextUses(long... pages) {
        int n = pages.length;
        int[] next = new int[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long page : pages) {
            min = Math.min(min, page);
            max = Math.max(max, page);
        }
        if (n > 0 && max - min >= 0 && max - min < Math.max(1 << 20, n)) {
            int[] later = new int[(int) (max - min + 1)];
            Arrays.fill(later, NEVER);
            for (int i = n - 1; i >= 0; i--) {
                int k = (int) (pages[i] - min);
                next[i] = later[k];
                later[k] = i;
            }
            return next;
        }
        LongIntMap last = new LongIntMap(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            next[i] = NEVER;
            int before = last.put(pages[i], i);
            if (before >= 0) {
                next[before] = i;
            }
        }
        return next;
    }

    @Override
    public void reset(int frames) {
        heap = new int[Frames.check(frames)];
        slot = new int[frames];
        key = new int[frames];
        java.util.Arrays.fill(slot, -1);
        size = 0;
        pending = -1;
    }

    private int future(long now) {
        if (now < 0 || now >= length) {
            return NEVER;
        }
        if (nextUse != null) {
            return nextUse[(int) now];
        }
        return segments[(int) (now >>> SEGMENT_SHIFT)].get((int) (now & ((1 << SEGMENT_SHIFT) - 1)));
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        key[frame] = future(now);
        if (frame == pending) {
            pending = -1;
            siftDown(0); // the victim's frame is still at the root
            return;
        }
        settle();
        if (slot[frame] >= 0) {
            fix(frame);
            return;
        }
        int at = size++;
        place(at, frame);
        siftUp(at);
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        settle();
        key[frame] = future(now);
        if (slot[frame] >= 0) {
            fix(frame);
        }
    }

    @Override
    public void freed(int frame) {
        settle();
        removeAt(slot[frame]);
    }

    @Override
    public int victim(long now) {
        settle();
        if (size == 0) {
            Frames.victim(-1, name());
        }
        pending = heap[0];
        return pending;
    }

    /** The frame chosen by {@link #victim} was not reloaded at once: take it out of the heap for real. */
    private void settle() {
        if (pending >= 0) {
            int frame = pending;
            pending = -1;
            removeAt(slot[frame]);
        }
    }

    private void removeAt(int at) {
        if (at < 0) {
            return;
        }
        int frame = heap[at];
        slot[frame] = -1;
        int last = heap[--size];
        if (at < size) {
            place(at, last);
            fix(last);
        }
    }

    private void fix(int frame) {
        int at = slot[frame];
        if (at > 0 && key[heap[(at - 1) >>> 1]] < key[frame]) {
            siftUp(at);
        } else {
            siftDown(at);
        }
    }

    /** Puts {@code frame} at heap position {@code at}, keeping {@code slot} in step with {@code heap}. */
    private void place(int at, int frame) {
        heap[at] = frame;
        slot[frame] = at;
    }

    private void siftUp(int at) {
        int[] h = heap;
        int frame = h[at];
        int k = key[frame];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            int above = h[parent];
            if (key[above] >= k) {
                break;
            }
            place(at, above);
            at = parent;
        }
        place(at, frame);
    }

    private void siftDown(int at) {
        int[] h = heap;
        int n = size;
        int frame = h[at];
        int k = key[frame];
        while (true) {
            int child = 2 * at + 1;
            if (child >= n) {
                break;
            }
            int right = child + 1;
            if (right < n && key[h[right]] > key[h[child]]) {
                child = right;
            }
            int below = h[child];
            if (key[below] <= k) {
                break;
            }
            place(at, below);
            at = child;
        }
        place(at, frame);
    }
}
