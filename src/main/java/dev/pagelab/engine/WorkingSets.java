package dev.pagelab.engine;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Windows working sets (docs/windows-rules.md W4): each space's resident pages form its working set, between a
 * minimum and a maximum; a page leaving it is trimmed to the standby list (clean) or the modified list (dirty), its
 * frame still holding it, so a touch brings it back with a soft fault; the modified-page writer writes modified
 * pages to the page file and moves them to standby; a fault that finds no free frame repurposes the oldest standby
 * page.
 *
 * <p>This is the replacement policy of the machine's one pool of frames: the pool asks it for a victim when no frame
 * is free, and it forwards the other calls to the policy of the working set that holds the frame (a fresh one per
 * space, over its slots). Columns by frame: {@code where[f]} is NONE, IN_SET (of space {@code setOf[f]}, slot
 * {@code slotOf[f]}), STANDBY or MODIFIED; the two lists are doubly linked through {@code prev}/{@code next}, oldest
 * first.
 */
final class WorkingSets implements PageAwarePolicy {
    static final byte NONE = 0;
    static final byte IN_SET = 1;
    static final byte STANDBY = 2;
    static final byte MODIFIED = 3;

    private PhysicalMemory memory;
    private final Supplier<ReplacementPolicy> policies;
    private final String policyName;
    private int frames;
    private WorkingSet[] sets = new WorkingSet[0];

    private byte[] where;
    private int[] setOf;
    private int[] slotOf;
    private int[] prev;
    private int[] next;
    // Heads and tails of the lists: [STANDBY] and [MODIFIED]; -1 when empty.
    private final int[] head = {-1, -1, -1, -1};
    private final int[] tail = {-1, -1, -1, -1};
    private final int[] count = new int[4];

    private long trims;
    private long softFaults;
    private long writerRuns;
    private long pagesWritten;
    private long repurposed;
    private long now;
    private int faulter;

    WorkingSets(PhysicalMemory memory, Supplier<ReplacementPolicy> policies) {
        this.memory = memory;
        this.policies = policies;
        this.policyName = policies.get().name();
    }

    /** Serves {@code physical}, which makes it its pool's policy; returns this. */
    WorkingSets on(PhysicalMemory physical) {
        memory = physical;
        return this;
    }

    // ---- the pool's policy ----

    @Override
    public void reset(int frameCount) {
        frames = frameCount;
        where = new byte[frameCount];
        setOf = new int[frameCount];
        slotOf = new int[frameCount];
        prev = new int[frameCount];
        next = new int[frameCount];
    }

    /** A fault of the space in the key's high bits is about to take a frame: at its maximum, it trims first (W4-3). */
    @Override
    public void faulting(long page, long time) {
        now = time;
        WorkingSet set = sets[faulter];
        makeRoom(set);
        if (set.policy instanceof PageAwarePolicy aware) {
            aware.faulting(page, time);
        }
    }

    @Override
    public void loaded(int frame, boolean write, long time) {
        add(sets[faulter], frame, write, time);
    }

    /**
     * The space numbered {@code number} is about to take a frame: the page it brings in, its own or a section's
     * (W5-1), joins its working set.
     */
    void faulter(int number) {
        faulter = number;
    }

    @Override
    public void referenced(int frame, boolean write, long time) {
        sets[setOf[frame]].policy.referenced(slotOf[frame], write, time);
    }

    /** The frame's page was decommitted or released: it leaves its working set or list. */
    @Override
    public void freed(int frame) {
        if (where[frame] == IN_SET) {
            leaveSet(frame);
        } else if (where[frame] != NONE) {
            unlink(frame);
        }
    }

    /**
     * No frame is free: the oldest standby page is repurposed; with none, the writer empties the modified list
     * first; with neither, working sets are trimmed under global pressure (W4-5, W4-8).
     */
    @Override
    public int victim(long time) {
        now = time;
        while (true) {
            if (count[STANDBY] > 0) {
                int f = head[STANDBY];
                unlink(f);
                repurposed++;
                return f;
            }
            if (count[MODIFIED] > 0) {
                writeModified();
                continue;
            }
            WorkingSet set = pressureVictim();
            if ((set == null || !trim(set)) && !trimAny()) {
                throw new IllegalStateException("every frame holds a locked page: no page can be trimmed");
            }
        }
    }

    @Override
    public String name() {
        return policyName;
    }

    // ---- spaces ----

    /** A new space's working set, empty, with a fresh policy over its maximum. */
    void register(WorkingSet set) {
        sets = Arrays.copyOf(sets, set.number + 1);
        sets[set.number] = set;
        set.reset(policies.get(), (int) set.maximum);
    }

    /** A soft fault: frame {@code f}, on a list, returns to {@code set} (W4-4). */
    void reclaim(WorkingSet set, int f, boolean write, long time) {
        now = time;
        unlink(f);
        makeRoom(set);
        add(set, f, write, time);
        softFaults++;
    }

    /** The page in frame {@code f} was made clean by MEM_RESET: off the modified list, onto standby. */
    void cleaned(int f) {
        if (where[f] == MODIFIED) {
            unlink(f);
            append(f, STANDBY);
        }
    }

    /**
     * New limits for {@code set}, checked by the caller: a working set above the new maximum is trimmed to it with its
     * old policy, then its pages are loaded into a fresh policy over the new maximum in their slot order (W4-7).
     */
    void resize(WorkingSet set, long minimum, long maximum) {
        while (set.size > maximum && trim(set)) {
            // trimmed one page
        }
        int[] kept = set.frames.clone();
        set.minimum = minimum;
        set.maximum = maximum;
        set.reset(policies.get(), (int) maximum);
        for (int f : kept) {
            if (f >= 0) {
                add(set, f, false, now);
            }
        }
    }

    /** Trims every page of {@code set} that is not locked (EmptyWorkingSet, W4-9). */
    void empty(WorkingSet set) {
        for (int slot = 0; slot < set.frames.length; slot++) {
            int f = set.frames[slot];
            if (f >= 0 && !memory.locked(f)) {
                trimFrame(set, slot, f);
            }
        }
        writeIfOverThreshold();
    }

    /** Trims the page in frame {@code f} of {@code set} if it is in the set and not locked (VirtualUnlock's failure). */
    void trimPage(WorkingSet set, int f) {
        if (where[f] == IN_SET && setOf[f] == set.number && !memory.locked(f)) {
            trimFrame(set, slotOf[f], f);
            writeIfOverThreshold();
        }
    }

    // ---- inside ----

    private void add(WorkingSet set, int f, boolean write, long time) {
        if (set.full()) {
            throw new IllegalStateException("the working set of space " + set.number + " is full of locked pages");
        }
        int slot = set.add(f);
        where[f] = IN_SET;
        setOf[f] = set.number;
        slotOf[f] = slot;
        set.policy.loaded(slot, write, time);
    }

    private void leaveSet(int f) {
        WorkingSet set = sets[setOf[f]];
        set.policy.freed(slotOf[f]);
        set.remove(slotOf[f]);
        where[f] = NONE;
    }

    /** A working set at its maximum gives a page before it takes one (W4-3). */
    private void makeRoom(WorkingSet set) {
        if (set.full()) {
            trim(set);
        }
    }

    /**
     * Trims one unlocked page of {@code set}, chosen by its policy; false when every page is locked. A policy asked
     * while the set has free slots may name one (CLOCK sweeps over them): it is passed over, as is a locked page,
     * which the policy is given back as just loaded. Should the policy never name a page, the lowest slot goes.
     */
    private boolean trim(WorkingSet set) {
        // The set's own locks tell when every page is locked, unless a section's page in it is locked through another
        // space's view (W5-6): then the pages are looked at.
        if (set.size == 0 || set.size <= set.locked && memory.sections().isEmpty()) {
            return false;
        }
        int slots = set.frames.length;
        for (int tries = 0; tries < 4 * slots + 4; tries++) {
            int slot = set.policy.victim(now);
            int f = slot >= 0 && slot < slots ? set.frames[slot] : -1;
            if (f < 0) {
                continue;
            }
            if (memory.locked(f)) {
                set.policy.loaded(slot, false, now);
                continue;
            }
            // victim() forgot the slot as freed() would.
            set.remove(slot);
            where[f] = NONE;
            moveToList(f);
            return true;
        }
        for (int slot = 0; slot < slots; slot++) {
            int f = set.frames[slot];
            if (f >= 0 && !memory.locked(f)) {
                trimFrame(set, slot, f);
                return true;
            }
        }
        return false;
    }

    /**
     * Trims a page of the first working set, in space order, that has an unlocked one: for a set whose pages are
     * locked through another space's view of a section (W5-6), which its own count of locks does not know.
     */
    private boolean trimAny() {
        for (WorkingSet set : sets) {
            if (trim(set)) {
                return true;
            }
        }
        return false;
    }

    private void trimFrame(WorkingSet set, int slot, int f) {
        set.policy.freed(slot);
        set.remove(slot);
        where[f] = NONE;
        moveToList(f);
    }

    private void moveToList(int f) {
        boolean dirty = memory.trimmed(f);
        append(f, dirty ? MODIFIED : STANDBY);
        trims++;
        if (count[MODIFIED] > writerThreshold()) {
            writeModified();
        }
    }

    private void writeIfOverThreshold() {
        if (count[MODIFIED] > writerThreshold()) {
            writeModified();
        }
    }

    /** The writer runs when the modified list holds more than a quarter of the frames (at least 1) (W4-5). */
    int writerThreshold() {
        return Math.max(1, frames / 4);
    }

    /** The modified-page writer: every modified page, oldest first, to the page file, then to standby (W4-5). */
    private void writeModified() {
        writerRuns++;
        while (count[MODIFIED] > 0) {
            int f = head[MODIFIED];
            unlink(f);
            memory.writeOut(f);
            append(f, STANDBY);
            pagesWritten++;
        }
    }

    /**
     * Under global pressure: the working set with the most pages above its minimum (the lowest space number among
     * equals); when none is above its minimum, the largest with an unlocked page (W4-8).
     */
    private WorkingSet pressureVictim() {
        WorkingSet best = null;
        long bestExcess = 0;
        for (WorkingSet set : sets) {
            long excess = set.size - Math.max(set.minimum, set.locked);
            if (excess > bestExcess) {
                best = set;
                bestExcess = excess;
            }
        }
        if (best != null) {
            return best;
        }
        long bestSize = 0;
        for (WorkingSet set : sets) {
            long unlocked = set.size - set.locked;
            if (unlocked > 0 && set.size > bestSize) {
                best = set;
                bestSize = set.size;
            }
        }
        return best;
    }

    private void append(int f, byte list) {
        where[f] = list;
        prev[f] = tail[list];
        next[f] = -1;
        if (tail[list] >= 0) {
            next[tail[list]] = f;
        } else {
            head[list] = f;
        }
        tail[list] = f;
        count[list]++;
    }

    private void unlink(int f) {
        byte list = where[f];
        if (prev[f] >= 0) {
            next[prev[f]] = next[f];
        } else {
            head[list] = next[f];
        }
        if (next[f] >= 0) {
            prev[next[f]] = prev[f];
        } else {
            tail[list] = prev[f];
        }
        count[list]--;
        where[f] = NONE;
    }

    // ---- what is where ----

    /** Where frame {@code f} is: {@link #NONE}, {@link #IN_SET}, {@link #STANDBY} or {@link #MODIFIED}. */
    byte where(int f) {
        return f < frames ? where[f] : NONE;
    }

    /** The number of the space whose working set holds frame {@code f} (meaningful when it is {@link #IN_SET}). */
    int setOf(int f) {
        return setOf[f];
    }

    /** The frames of a list, oldest first. */
    int[] list(byte list) {
        int[] out = new int[count[list]];
        int i = 0;
        for (int f = head[list]; f >= 0; f = next[f]) {
            out[i++] = f;
        }
        return out;
    }

    int standby() { return count[STANDBY]; }
    int modified() { return count[MODIFIED]; }
    long trims() { return trims; }
    long softFaults() { return softFaults; }
    long writerRuns() { return writerRuns; }
    long pagesWritten() { return pagesWritten; }
    long repurposed() { return repurposed; }
    WorkingSet set(int number) { return sets[number]; }
    int spaces() { return sets.length; }
}
