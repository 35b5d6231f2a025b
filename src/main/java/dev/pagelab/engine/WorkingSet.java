package dev.pagelab.engine;

import java.util.Arrays;

/**
 * One space's working-set limits and locks, and, with Windows working sets on, the frames of its working set: slots
 * {@code 0..maximum-1}, each holding one frame or -1, with a replacement policy over the slot numbers that chooses
 * which page a trim takes (docs/windows-rules.md W4-3). Every space has one; the frames are used only by
 * {@link WorkingSets}.
 */
final class WorkingSet {
    /** Windows' default minimum and maximum working set, in pages (W4-1). */
    static final int WINDOWS_MINIMUM = 50;
    static final int WINDOWS_MAXIMUM = 345;
    /** What SetProcessWorkingSetSize raises a smaller minimum to, and the smallest maximum it accepts (W4-6). */
    static final int FLOOR_MINIMUM = 20;
    static final int FLOOR_MAXIMUM = 13;

    final VirtualMemory space;
    final int number;
    long minimum;
    long maximum;
    /** Pages of the space locked by VirtualLock. */
    long locked;

    // With Windows working sets only: slot -> frame (-1 free), the free slots as a stack, and the policy.
    ReplacementPolicy policy;
    int[] frames = new int[0];
    private FreeList freeSlots = new FreeList();
    /** Pages in the working set now. */
    int size;

    WorkingSet(VirtualMemory space, int number, int machineFrames) {
        this.space = space;
        this.number = number;
        this.maximum = Math.min(WINDOWS_MAXIMUM, machineFrames);
        this.minimum = Math.min(WINDOWS_MINIMUM, Math.max(1, maximum / 2));
    }

    /** The most pages the space may lock: its minimum, less one page when the minimum is the maximum (W4-14). */
    long lockQuota() {
        return Math.min(minimum, maximum - 1);
    }

    /** Gives the working set {@code slots} empty slots and a fresh {@code policy} over them. */
    void reset(ReplacementPolicy fresh, int slots) {
        policy = fresh;
        policy.reset(slots);
        frames = new int[slots];
        Arrays.fill(frames, -1);
        freeSlots = new FreeList();
        for (int slot = slots - 1; slot >= 0; slot--) { // the lowest slot is taken first
            freeSlots.push(slot);
        }
        size = 0;
    }

    boolean full() {
        return freeSlots.isEmpty();
    }

    /** Puts {@code frame} in a free slot; returns the slot. */
    int add(int frame) {
        int slot = freeSlots.pop();
        frames[slot] = frame;
        size++;
        return slot;
    }

    /** Empties {@code slot}. */
    void remove(int slot) {
        frames[slot] = -1;
        freeSlots.push(slot);
        size--;
    }
}
