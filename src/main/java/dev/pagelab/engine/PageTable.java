package dev.pagelab.engine;

/**
 * A multi-level radix page table over virtual page numbers, x86-64 style: interior levels are
 * {@code Object[]} nodes, the last level is {@code long[]} leaves of packed entries, and every node is
 * allocated on first use, so a huge reservation costs nothing until pages are committed.
 *
 * <p>Entry layout (one {@code long} per page; zero means "not committed"):
 * <pre>
 *   bits  0..10  Win32 protection incl. PAGE_GUARD 0x100, PAGE_NOCACHE 0x200, PAGE_WRITECOMBINE 0x400
 *   bit   11     COMMITTED
 *   bit   12     PRESENT    the page is in a physical frame
 *   bit   13     ACCESSED   set by every access, cleared by the replacement policy's sweeps
 *   bit   14     DIRTY      written since it was loaded
 *   bit   15     IN_FILE    not present, its contents are in a page-file slot
 *   bit   16     RESET      MEM_RESET: contents may be discarded instead of written to the page file
 *   bits 17..19  allowed access, derived from the protection: READ 1, WRITE 2, EXECUTE 4 (shifted)
 *   bit   20     MAPPED     a page of a section's view: PRESENT names the section's frame; when not PRESENT the
 *                           contents are the section page's (its prototype entry), never IN_FILE nor TRANSITION here
 *   bit   21     LOCKED     VirtualLock: never trimmed nor evicted
 *   bit   22     TRANSITION not present, but its frame still holds it on the standby or modified list (Windows
 *                           working sets); the frame number stays in bits 24..63 and a touch is a soft fault; in a
 *                           section's prototype entry, the same for a section page (docs/windows-rules.md W5)
 *   bits 24..63  frame number when PRESENT or TRANSITION, page-file slot when IN_FILE
 * </pre>
 * Each node stands for one page of table memory, which {@link #tablePages()} counts.
 */
final class PageTable {
    static final long PROT_MASK = 0x7FF;
    static final long COMMITTED = 1L << 11;
    static final long PRESENT = 1L << 12;
    static final long ACCESSED = 1L << 13;
    static final long DIRTY = 1L << 14;
    static final long IN_FILE = 1L << 15;
    static final long RESET = 1L << 16;
    static final int ALLOW_SHIFT = 17;
    static final long ALLOW_READ = 1L << ALLOW_SHIFT;
    static final long ALLOW_WRITE = 2L << ALLOW_SHIFT;
    static final long ALLOW_EXECUTE = 4L << ALLOW_SHIFT;
    static final long ALLOW_MASK = 7L << ALLOW_SHIFT;
    static final long MAPPED = 1L << 20;
    static final long LOCKED = 1L << 21;
    static final long TRANSITION = 1L << 22;
    static final int FRAME_SHIFT = 24;
    static final long LOW_MASK = (1L << FRAME_SHIFT) - 1;

    private final int levels;
    private final int bits;
    private final int mask;
    private final int topShift;
    private final long[] nodesPerLevel;
    private Object root;

    // A direct-mapped cache of leaves by tag (page number without its last-level bits): an implementation
    // shortcut that spares most walks, not the modelled TLB. It starts small and grows with the number of leaves
    // (up to MAX_CACHE), so a space with a few pages stays small and one with a large working set seldom walks.
    // Leaves are never freed, so a cached leaf stays valid.
    private static final int MIN_CACHE = 64;
    private static final int MAX_CACHE = 4096;
    private long[] cachedTags = new long[MIN_CACHE];
    private long[][] cachedLeaves = new long[MIN_CACHE][];
    private int cacheMask = MIN_CACHE - 1;

    /** The frame of a present entry, or the page-file slot of one in the file (the bits from {@link #FRAME_SHIFT}). */
    static int frameOf(long entry) {
        return (int) (entry >>> FRAME_SHIFT);
    }

    PageTable(int levels, int bitsPerLevel) {
        this.levels = levels;
        this.bits = bitsPerLevel;
        this.mask = (1 << bitsPerLevel) - 1;
        this.topShift = bitsPerLevel * (levels - 1);
        this.nodesPerLevel = new long[levels];
    }

    /** The entry of a page, zero when the page is not committed. */
    long get(long vpn) {
        long[] leaf = leafOf(vpn);
        return leaf == null ? 0 : leaf[(int) (vpn & mask)];
    }

    /** Sets the entry of a page, creating table nodes as needed (none for a zero entry that is absent). */
    void set(long vpn, long entry) {
        long[] leaf = leafOf(vpn);
        if (leaf == null) {
            if (entry == 0) {
                return;
            }
            leaf = leaf(vpn, true);
            remember(vpn >>> bits, leaf);
        }
        leaf[(int) (vpn & mask)] = entry;
    }

    /**
     * The last-level table page holding the entry of {@code vpn}, at {@link #index(long) index(vpn)}, or null
     * when none exists (then no page near it is committed). For the access path, which reads and writes the
     * entry without a second lookup.
     */
    long[] leafOf(long vpn) {
        long tag = vpn >>> bits;
        int slot = (int) tag & cacheMask;
        if (cachedTags[slot] == tag + 1) {
            return cachedLeaves[slot];
        }
        long[] leaf = leaf(vpn, false);
        if (leaf != null) {
            remember(tag, leaf);
        }
        return leaf;
    }

    /** The heap of one table node, at most: {@code 2^bits} entries of 8 bytes (a leaf) or references. */
    long nodeBytes() {
        return 8L << bits;
    }

    /**
     * The heap that setting entries for pages {@code [first, last)} would add, at most: the leaves missing in the
     * range, and the interior nodes above them. Costs a lookup per leaf of the range.
     */
    long bytesToCover(long first, long last) {
        long missing = 0;
        for (long tag = first >>> bits, end = (last - 1) >>> bits; tag <= end; tag++) {
            if (leafOf(tag << bits) == null) {
                missing++;
            }
        }
        if (missing == 0) {
            return 0;
        }
        long interior = (levels - 1) * ((missing >>> bits) + 2);
        return (missing + interior) * nodeBytes();
    }

    /** The index of a page's entry in its leaf. */
    int index(long vpn) {
        return (int) (vpn & mask);
    }

    private void remember(long tag, long[] leaf) {
        long leaves = nodesPerLevel[levels - 1];
        if (leaves > cachedTags.length && cachedTags.length < MAX_CACHE) {
            int size = (int) Math.min(MAX_CACHE, Long.highestOneBit(leaves - 1) << 1);
            cachedTags = new long[size];
            cachedLeaves = new long[size][];
            cacheMask = size - 1;
        }
        int slot = (int) tag & cacheMask;
        cachedTags[slot] = tag + 1;
        cachedLeaves[slot] = leaf;
    }

    private long[] leaf(long vpn, boolean create) {
        if (levels == 1) {
            if (root == null) {
                if (!create) {
                    return null;
                }
                root = new long[1 << bits];
                nodesPerLevel[0]++;
            }
            return (long[]) root;
        }
        if (root == null) {
            if (!create) {
                return null;
            }
            root = new Object[1 << bits];
            nodesPerLevel[0]++;
        }
        Object[] node = (Object[]) root;
        int level = 1;
        for (int shift = topShift; shift > bits; shift -= bits, level++) {
            int index = (int) ((vpn >>> shift) & mask);
            Object next = node[index];
            if (next == null) {
                if (!create) {
                    return null;
                }
                next = new Object[1 << bits];
                node[index] = next;
                nodesPerLevel[level]++;
            }
            node = (Object[]) next;
        }
        int index = (int) ((vpn >>> bits) & mask);
        long[] leaf = (long[]) node[index];
        if (leaf == null && create) {
            leaf = new long[1 << bits];
            node[index] = leaf;
            nodesPerLevel[levels - 1]++;
        }
        return leaf;
    }

    /**
     * The first page in {@code [from, to)} whose entry is not zero, or {@code to}; skips absent subtrees, so the
     * cost follows the committed pages, not the size of the range.
     */
    long nextNonZero(long from, long to) {
        if (from >= to || root == null) {
            return to;
        }
        long found = scan(root, 0, topShift, from, to);
        return found < 0 ? to : found;
    }

    private long scan(Object node, long prefix, int shift, long from, long to) {
        if (node instanceof long[] leaf) {
            long start = Math.max(from, prefix);
            long end = Math.min(to, prefix + leaf.length);
            for (long v = start; v < end; v++) {
                if (leaf[(int) (v - prefix)] != 0) {
                    return v;
                }
            }
            return -1;
        }
        Object[] children = (Object[]) node;
        long span = 1L << shift;
        int first = (int) Math.max(0, (from - prefix) >> shift);
        for (int i = first; i < children.length; i++) {
            long childStart = prefix + i * span;
            if (childStart >= to) {
                break;
            }
            Object child = children[i];
            if (child != null) {
                long found = scan(child, childStart, shift - bits, from, to);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    /** How many table pages exist, over all levels. */
    long tablePages() {
        long total = 0;
        for (long n : nodesPerLevel) {
            total += n;
        }
        return total;
    }

    /** How many table pages exist at a level, 0 being the root. */
    long tablePages(int level) {
        return nodesPerLevel[level];
    }

    int levels() {
        return levels;
    }

    int bitsPerLevel() {
        return bits;
    }

    /** The table index of a page at a level (0 = root), for drawing a walk. */
    int index(long vpn, int level) {
        int shift = bits * (levels - 1 - level);
        return (int) ((vpn >>> shift) & mask);
    }

    /** Whether the table node that level {@code level} of a walk for {@code vpn} reads exists. */
    boolean nodePresent(long vpn, int level) {
        Object node = root;
        for (int l = 0; l < level; l++) {
            if (node == null) {
                return false;
            }
            if (node instanceof long[]) {
                return true;
            }
            node = ((Object[]) node)[index(vpn, l)];
        }
        return node != null;
    }
}
