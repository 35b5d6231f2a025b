package dev.pagelab.lesson;

import dev.pagelab.Access;
import dev.pagelab.AddressSpace;
import dev.pagelab.PageLab;
import dev.pagelab.Protection;
import dev.pagelab.Region;
import dev.pagelab.Size;
import dev.pagelab.replay.ReplaySteps;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.policy.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded problems with answer keys, after the OSTEP simulators: the same seed gives the same problem on any
 * machine ({@link Random} with a seed is specified to the bit), and every answer is worked out by running the
 * problem on the engine, so keys follow PageLab's Windows rules.
 *
 * <pre>{@code
 * var q = Exercises.whichAccessesFault(1);
 * q            // the question
 * q.answer()   // the key
 * }</pre>
 */
public final class Exercises {
    private static final int PAGE = 4096;

    private Exercises() {}

    // ---- which accesses fault? ----

    /**
     * Eight pages, some committed with various protections (one of them a guard page), some only reserved, then
     * eight reads and writes: which complete, which take a demand-zero fault, which raise an exception?
     */
    public static Exercise whichAccessesFault(long seed) {
        Random rnd = new Random(seed ^ 0x5EED_0001L);
        Protection[] setup = {Protection.READWRITE, Protection.READWRITE, Protection.READONLY, Protection.READONLY,
            Protection.NOACCESS, Protection.READWRITE.guard(), null, null};
        shuffle(setup, rnd);
        int guardPage = 0;
        for (int i = 0; i < setup.length; i++) {
            if (setup[i] != null && setup[i].isGuard()) {
                guardPage = i;
            }
        }
        int[] pages = new int[8];
        boolean[] writes = new boolean[8];
        int[] offsets = new int[8];
        for (int k = 0; k < 8; k++) {
            pages[k] = k > 0 && rnd.nextInt(100) < 35 ? pages[rnd.nextInt(k)] : rnd.nextInt(8);
            writes[k] = rnd.nextBoolean();
            offsets[k] = rnd.nextInt(PAGE / 8) * 8;
        }
        // The guard page is met at least once, and touched again after, so its one-shot rule shows.
        boolean met = false;
        for (int p : pages) {
            met |= p == guardPage;
        }
        if (!met) {
            int k = rnd.nextInt(6);
            pages[k] = guardPage;
            pages[k + 1 + rnd.nextInt(7 - k)] = guardPage;
        }

        AddressSpace space = PageLab.space();
        Region r = space.reserve(Size.pages(8));
        StringBuilder q = new StringBuilder();
        q.append("A program reserves 8 pages (32 KiB) at ").append(Hex.address(r.base()))
                .append(" and commits some of them, one by one:\n\n");
        q.append("  page  address    state\n");
        for (int i = 0; i < 8; i++) {
            if (setup[i] != null) {
                r.commit((long) i * PAGE, Size.pages(1), setup[i]);
            }
            q.append(String.format(Locale.ROOT, "  %4d  %-9s  %s\n", i, Hex.address(r.base() + (long) i * PAGE),
                    setup[i] == null ? "reserved" : "committed " + setup[i]));
        }
        q.append("\nNo page has been touched yet. Then it makes these one-byte accesses, in this order:\n\n");
        StringBuilder a = new StringBuilder();
        List<Integer> demandZero = new ArrayList<>();
        List<Integer> violations = new ArrayList<>();
        List<Integer> guards = new ArrayList<>();
        List<Integer> quiet = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            long offset = (long) pages[k] * PAGE + offsets[k];
            String what = String.format(Locale.ROOT, "%2d. %-5s at %s (page %d)", k + 1, writes[k] ? "write" : "read",
                    Hex.address(r.base() + offset), pages[k]);
            q.append("  ").append(what).append('\n');
            Access x = writes[k] ? r.write(offset, k + 1) : r.read(offset);
            a.append("  ").append(what).append(": ").append(explain(x, pages[k])).append('\n');
            switch (x.outcome()) {
                case ACCESS_VIOLATION -> violations.add(k + 1);
                case GUARD_PAGE -> guards.add(k + 1);
                default -> (x.pageFault() == Access.PageFault.NONE ? quiet : demandZero).add(k + 1);
            }
        }
        q.append("\nFor each access: does it complete? Does it take a page fault on the way (a demand-zero fault),\n")
                .append("or raise an exception (an access violation, or a guard-page exception)?");
        String key = "In short: " + at("demand-zero faults", demandZero) + "; " + at("access violations", violations)
                + "; " + at("guard-page exceptions", guards) + "; "
                + (quiet.isEmpty() ? "every access faults or raises one" : "no fault at " + list(quiet)) + ".\n\n" + a
                + "\nA committed page takes a frame on its first touch. A guard page's first access raises the exception\n"
                + "and clears the guard without touching the page, so the next access is its first real touch.";
        return new Exercise("Which accesses fault?", seed, q.toString(), key.stripTrailing());
    }

    private static String explain(Access x, int page) {
        return switch (x.outcome()) {
            case ACCESS_VIOLATION -> "access violation (0xC0000005): " + x.reason();
            case GUARD_PAGE -> "guard-page exception (0x80000001): the guard is cleared, the "
                    + (x.kind() == Access.Kind.WRITE ? "write" : "read") + " is not performed";
            default -> x.pageFault() == Access.PageFault.DEMAND_ZERO
                    ? "completes after a demand-zero fault (first touch of page " + page + ")"
                    : "completes, no fault (page " + page + " is already in memory)";
        };
    }

    // ---- what does VirtualQuery return? ----

    private static final int[] COMMIT_PROTECTIONS = {PAGE_READWRITE, PAGE_READONLY, PAGE_EXECUTE_READ};
    private static final int[] NEW_PROTECTIONS = {PAGE_READONLY, PAGE_NOACCESS, PAGE_READWRITE, PAGE_READWRITE | PAGE_GUARD};

    /**
     * A reservation, a commit (sometimes at an address and size that are not page multiples), sometimes a
     * VirtualProtect, then VirtualQuery at one address: what goes into each field of MEMORY_BASIC_INFORMATION?
     */
    public static Exercise virtualQuery(long seed) {
        Random rnd = new Random(seed ^ 0x5EED_0002L);
        int pages = 6 + rnd.nextInt(7);
        VirtualMemory vm = SpaceAccess.engine(PageLab.space());
        require(vm, vm.allocate(0, (long) pages * PAGE, MEM_RESERVE, PAGE_READWRITE));
        long p = vm.result();
        StringBuilder q = new StringBuilder();
        q.append("p = VirtualAlloc(NULL, ").append(c((long) pages * PAGE)).append(", MEM_RESERVE, PAGE_READWRITE);")
                .append("   // returns ").append(c(p)).append('\n');

        int first = rnd.nextInt(pages - 2);
        int count = 2 + rnd.nextInt(Math.min(4, pages - first - 1));
        long start = (long) first * PAGE;
        long size = (long) count * PAGE;
        boolean unaligned = rnd.nextBoolean();
        if (unaligned) {                               // not page multiples: the commit rounds out to whole pages
            start += 0x800;
            size -= 0x800 + (rnd.nextBoolean() ? 0x400 : 0);
        }
        int commitProtect = COMMIT_PROTECTIONS[rnd.nextInt(COMMIT_PROTECTIONS.length)];
        require(vm, vm.allocate(p + start, size, MEM_COMMIT, commitProtect));
        q.append("VirtualAlloc(").append(plus(start)).append(", ").append(c(size)).append(", MEM_COMMIT, ")
                .append(Flags.protectionName(commitProtect)).append(");\n");

        if (rnd.nextInt(10) < 7) {
            int at = first + rnd.nextInt(count);
            int span = 1 + rnd.nextInt(first + count - at);
            int protect = commitProtect;
            while (protect == commitProtect) {
                protect = NEW_PROTECTIONS[rnd.nextInt(NEW_PROTECTIONS.length)];
            }
            require(vm, vm.protect(p + (long) at * PAGE, (long) span * PAGE, protect));
            q.append("VirtualProtect(").append(plus((long) at * PAGE)).append(", ").append(c((long) span * PAGE))
                    .append(", ").append(Flags.protectionName(protect)).append(", &old);\n");
        }

        int where = rnd.nextInt(10);
        long page = where < 6 ? first + rnd.nextInt(count)        // in the committed part, mostly
                : where < 9 ? rnd.nextInt(pages)                // anywhere in the reservation
                : pages + rnd.nextInt(4);                       // past its end: free
        long address = p + page * PAGE + rnd.nextInt(PAGE / 16) * 16L;
        q.append("VirtualQuery(").append(plus(address - p)).append(", &mbi, sizeof mbi);\n\n");
        q.append("What does VirtualQuery put in mbi.BaseAddress, AllocationBase, AllocationProtect, RegionSize,\n")
                .append("State, Protect and Type?");

        MemoryRegion m = vm.query(address);
        String key = String.format(Locale.ROOT, "  BaseAddress       %s\n  AllocationBase    %s\n  AllocationProtect %s\n"
                        + "  RegionSize        %s (%s)\n  State             %s\n  Protect           %s\n  Type              %s\n",
                c(m.baseAddress()), c(m.allocationBase()), m.allocationProtect() == 0 ? "0" : Flags.protectionName(m.allocationProtect()),
                c(m.regionSize()), Hex.size(m.regionSize()), Flags.stateName(m.state()), m.protect() == 0 ? "0" : Flags.protectionName(m.protect()),
                m.type() == MEM_PRIVATE ? "MEM_PRIVATE" : "0");
        String why = m.state() == MEM_FREE
                ? "The address is past the reservation, in free memory: the free run goes on to the next reservation\n"
                + "or the top of the user range, and free memory reports PAGE_NOACCESS with no allocation base."
                : "BaseAddress is the queried address rounded down to its page. RegionSize runs from there while the\n"
                + "pages keep the same state and protection: here to " + c(m.end()) + "."
                + (m.state() == MEM_RESERVE ? " Reserved pages report Protect 0." : "");
        if (unaligned) {
            long from = (p + start) & -PAGE;
            long to = (p + start + size + PAGE - 1) & -PAGE;
            why += "\nThe commit of [" + c(p + start) + ", " + c(p + start + size) + ") rounded out to whole pages: ["
                    + c(from) + ", " + c(to) + ").";
        }
        return new Exercise("What does VirtualQuery return?", seed, q.toString(), (key + "\n" + why).stripTrailing());
    }

    private static String c(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(Locale.ROOT);
    }

    private static String plus(long offset) {
        return offset == 0 ? "p" : "p + " + c(offset);
    }

    private static void require(VirtualMemory vm, int error) {
        if (error != 0) {
            throw new IllegalStateException("exercise set-up failed: " + vm.lastMessage());
        }
    }

    // ---- how many faults? ----

    /**
     * Ten to fourteen references to four to seven pages and a memory of 3 or 4 frames: how many faults under FIFO, and under LRU,
     * and which references fault? The key shows memory after every reference, and OPT's count for comparison.
     */
    public static Exercise replacement(long seed) {
        Random rnd = new Random(seed ^ 0x5EED_0003L);
        int frames = 3 + rnd.nextInt(2);
        // Draw until FIFO and LRU disagree, so working both out is worth it; the draws are the seed's, so stable.
        long[] refs = references(rnd, frames);
        for (int attempt = 0; attempt < 64 && faults(PageLab.trace(refs), frames, Policy.FIFO)
                == faults(PageLab.trace(refs), frames, Policy.LRU); attempt++) {
            refs = references(rnd, frames);
        }
        StringBuilder line = new StringBuilder();
        for (long r : refs) {
            line.append(line.length() == 0 ? "" : " ").append(r);
        }
        String q = "A memory of " + frames + " frames, empty at first, sees these page references:\n\n  " + line
                + "\n\nHow many page faults does FIFO take? How many does LRU take? Which references fault under each?";

        var trace = PageLab.trace(refs);
        long fifo = faults(trace, frames, Policy.FIFO);
        long lru = faults(trace, frames, Policy.LRU);
        long opt = faults(trace, frames, Policy.OPT);
        String[][] fifoSteps = steps(refs, frames, false);
        String[][] lruSteps = steps(refs, frames, true);
        StringBuilder a = new StringBuilder();
        a.append("FIFO: ").append(fifo).append(" faults. LRU: ").append(lru).append(" faults. (OPT, the fewest possible: ")
                .append(opt).append(".)\n\n");
        a.append(String.format(Locale.ROOT, "  %3s   %-5s %-22s  %-5s %s\n", "ref", "FIFO", "memory, oldest first", "LRU",
                "memory, least recent first"));
        for (int i = 0; i < refs.length; i++) {
            a.append(String.format(Locale.ROOT, "  %3d   %-5s %-22s  %-5s %s\n", refs[i], fifoSteps[i][0], fifoSteps[i][1],
                    lruSteps[i][0], lruSteps[i][1]));
        }
        return new Exercise("How many faults?", seed, q, a.toString().stripTrailing());
    }

    // ---- fill in the frame table ----

    /**
     * A reference string, a memory of 3 or 4 frames and a policy (FIFO, LRU, OPT or CLOCK, by the seed): fill in the
     * frame table, the page in each frame slot after every reference (a new page takes the slot of the page it
     * evicts), and mark the faults. The key is the table worked out by the engine; in a notebook, its player.
     */
    public static Exercise frameTable(long seed) {
        Random rnd = new Random(seed ^ 0x5EED_0004L);
        int frames = 3 + rnd.nextInt(2);
        Policy policy = List.of(Policy.FIFO, Policy.LRU, Policy.OPT, Policy.CLOCK).get(rnd.nextInt(4));
        long[] refs = references(rnd, frames);
        StringBuilder line = new StringBuilder();
        for (long r : refs) {
            line.append(line.length() == 0 ? "" : " ").append(r);
        }
        ReplaySteps steps = PageLab.machine().frames(frames).policy(policy).steps(PageLab.trace(refs));
        StringBuilder q = new StringBuilder("A memory of " + frames + " frames, empty at first, replaces pages with "
                + policy.name() + (policy == Policy.CLOCK ? " (the hand starts at slot 0; a page gets its reference bit "
                + "when it is loaded and when it is used)" : "") + ". It sees these page references:\n\n  " + line
                + "\n\nFill in the table: after each reference, the page in each frame slot (a new page takes the slot\n"
                + "of the page it evicts; slots fill from 0 while memory is not full), and F under each fault.\n"
                + "How many faults in all?\n\n");
        q.append(String.format(Locale.ROOT, "%-9s", "reference"));
        for (long r : refs) {
            q.append(' ').append(r);
        }
        q.append('\n');
        for (int f = 0; f < frames; f++) {
            q.append(String.format(Locale.ROOT, "%-9s", "frame " + f)).append(" .".repeat(refs.length)).append('\n');
        }
        q.append(String.format(Locale.ROOT, "%-9s", "fault")).append(" .".repeat(refs.length));
        return new Exercise("Fill in the frame table", seed, q.toString(), steps.toString().stripTrailing(), steps);
    }

    /**
     * Ten to fourteen references to {@code frames + 1} to {@code frames + 3} pages, no page twice in a row, often one
     * of the last few again: the length and the number of pages vary with the seed, so the counts do too.
     */
    private static long[] references(Random rnd, int frames) {
        int pages = frames + 1 + rnd.nextInt(3);
        long[] refs = new long[10 + rnd.nextInt(5)];
        for (int i = 0; i < refs.length; i++) {
            long page;
            do {
                page = i >= 2 && rnd.nextInt(100) < 35 ? refs[i - 2 - rnd.nextInt(Math.min(i - 1, 3))] : 1 + rnd.nextInt(pages);
            } while (i > 0 && page == refs[i - 1]);
            refs[i] = page;
        }
        return refs;
    }

    private static long faults(dev.pagelab.trace.PageTrace trace, int frames, Policy policy) {
        return PageLab.machine().frames(frames).policy(policy).replay(trace).faults();
    }

    /** Memory after each reference, by hand: {"fault" or "hit", "1 3 2  (out: 4)"}; LRU moves a page it hits to the end. */
    static String[][] steps(long[] refs, int frames, boolean lru) {
        List<Long> memory = new ArrayList<>();
        String[][] out = new String[refs.length][];
        for (int i = 0; i < refs.length; i++) {
            Long page = refs[i];
            boolean hit = memory.contains(page);
            String evicted = "";
            if (hit && lru) {
                memory.remove(page);
                memory.add(page);
            } else if (!hit) {
                if (memory.size() == frames) {
                    evicted = "  (out: " + memory.remove(0) + ")";
                }
                memory.add(page);
            }
            StringBuilder sb = new StringBuilder();
            for (Long p : memory) {
                sb.append(sb.length() == 0 ? "" : " ").append(p);
            }
            out[i] = new String[] {hit ? "hit" : "fault", sb + evicted};
        }
        return out;
    }

    /** {@code "access violations at 2 and 5"}, or {@code "no access violations"}. */
    private static String at(String what, List<Integer> accesses) {
        return accesses.isEmpty() ? "no " + what : what + " at " + list(accesses);
    }

    private static String list(List<Integer> accesses) {
        if (accesses.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < accesses.size(); i++) {
            sb.append(i == 0 ? "" : i == accesses.size() - 1 ? " and " : ", ").append(accesses.get(i));
        }
        return sb.toString();
    }

    private static <T> void shuffle(T[] items, Random rnd) {
        for (int i = items.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }
}
