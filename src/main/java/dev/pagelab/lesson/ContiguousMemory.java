package dev.pagelab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Physical memory shared out without paging: each program gets one unbroken run of slots, the first hole large
 * enough (first fit). Freeing leaves a hole where the program was, so after a few frees the free slots can add
 * up to more than a request while no single hole holds it: external fragmentation.
 *
 * <pre>{@code
 * var ram = contiguous(12);
 * ram.allocate("A", 3); ram.allocate("B", 2); ram.allocate("C", 4); ram.allocate("D", 3);
 * ram.free("B"); ram.free("D");
 * ram.allocate("E", 4)   // refused: 5 slots are free, but the largest hole holds 3
 * }</pre>
 */
public final class ContiguousMemory extends LoggedAllocator implements Allocator {
    private final String[] owner;
    /** Live blocks by program: {start, size}. */
    private final Map<String, int[]> blocks = new LinkedHashMap<>();

    ContiguousMemory(int slots) {
        super(StepLog.checkUnits(slots, "slot"));
        this.owner = new String[slots];
    }

    /**
     * Places {@code slots} slots for {@code program} in the first hole that holds them all. Refused, with the
     * reason, when no hole does; a program already holding memory must free it first.
     */
    @Override
    public Placement allocate(String program, int slots) {
        StepLog.checkName(program);
        if (slots < 1) {
            throw new IllegalArgumentException(program + " asks for " + slots + " slots: ask for at least 1");
        }
        int[] held = blocks.get(program);
        if (held != null) {
            throw new IllegalArgumentException(program + " already holds slots " + held[0] + "–" + (held[0] + held[1] - 1)
                    + ": free it first, or give the new request another name");
        }
        int start = firstFit(slots);
        Placement p;
        if (start < 0) {
            p = new Placement(program, slots, unit(), List.of(), refusal(slots));
        } else {
            List<Integer> where = new ArrayList<>();
            for (int s = start; s < start + slots; s++) {
                owner[s] = program;
                where.add(s);
            }
            blocks.put(program, new int[] {start, slots});
            p = new Placement(program, slots, unit(), where, "");
        }
        log.request(p, freeUnits(), largestFreeBlock());
        return p;
    }

    private int firstFit(int slots) {
        int run = 0;
        for (int s = 0; s < owner.length; s++) {
            run = owner[s] == null ? run + 1 : 0;
            if (run == slots) {
                return s - slots + 1;
            }
        }
        return -1;
    }

    private String refusal(int slots) {
        int free = freeUnits();
        if (slots > owner.length) {
            return "the memory has only " + StepLog.unitCount(owner.length, "slot");
        }
        if (slots > free) {
            return "only " + StepLog.unitCount(free, "slot") + (free == 1 ? " is" : " are") + " free";
        }
        int largest = largestFreeBlock();
        return free + " slots are free, but the largest hole holds " + largest
                + " (external fragmentation)";
    }

    /** Frees the slots of {@code program}, leaving a hole. */
    @Override
    public ContiguousMemory free(String program) {
        int[] held = blocks.remove(StepLog.checkName(program));
        if (held == null) {
            throw new IllegalArgumentException("free(\"" + program + "\"): " + program + " holds no slots; programs holding "
                    + "memory: " + (blocks.isEmpty() ? "none" : String.join(", ", blocks.keySet())));
        }
        for (int s = held[0]; s < held[0] + held[1]; s++) {
            owner[s] = null;
        }
        log.freed(program, freeUnits(), largestFreeBlock());
        return this;
    }

    /** The free runs of slots, lowest first, each as {start, length}. */
    public List<int[]> holes() {
        List<int[]> holes = new ArrayList<>();
        for (int s = 0; s < owner.length; ) {
            if (owner[s] != null) {
                s++;
                continue;
            }
            int e = s;
            while (e < owner.length && owner[e] == null) {
                e++;
            }
            holes.add(new int[] {s, e - s});
            s = e;
        }
        return holes;
    }

    @Override
    public String kind() {
        return "contiguous, first fit";
    }

    @Override
    public String unit() {
        return "slot";
    }

    @Override
    public int units() {
        return owner.length;
    }

    @Override
    public int freeUnits() {
        int n = 0;
        for (String o : owner) {
            n += o == null ? 1 : 0;
        }
        return n;
    }

    /** The largest hole. */
    @Override
    public int largestFreeBlock() {
        int best = 0;
        for (int[] h : holes()) {
            best = Math.max(best, h[1]);
        }
        return best;
    }

    @Override
    public String owner(int slot) {
        check(slot);
        return owner[slot];
    }

    @Override
    public int pageAt(int slot) {
        check(slot);
        return owner[slot] == null ? -1 : slot - blocks.get(owner[slot])[0];
    }

    private void check(int slot) {
        if (slot < 0 || slot >= owner.length) {
            throw new IndexOutOfBoundsException("slot " + slot + " is outside the memory's slots 0–" + (owner.length - 1));
        }
    }

    @Override
    public List<Placement> placements() {
        List<Placement> list = new ArrayList<>();
        for (int s = 0; s < owner.length; s++) {
            if (owner[s] != null && (s == 0 || !owner[s].equals(owner[s - 1]))) {
                int[] b = blocks.get(owner[s]);
                List<Integer> where = new ArrayList<>();
                for (int i = b[0]; i < b[0] + b[1]; i++) {
                    where.add(i);
                }
                list.add(new Placement(owner[s], b[1], unit(), where, ""));
            }
        }
        return list;
    }

    @Override
    String heading() {
        return "contiguous memory (first fit): " + StepLog.unitCount(owner.length, "slot") + ", "
                + freeUnits() + " free, largest hole " + largestFreeBlock();
    }
}
