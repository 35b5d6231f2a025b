package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.Redo;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A space's history, step by step: every call its journal holds (VirtualAlloc, VirtualFree, VirtualProtect and each
 * access, the faulted ones included) made again, one at a time, on a fresh computer booted from the same machine,
 * with the page map of the reservations after each step. A value: taken when {@link AddressSpace#history()} is
 * called, it does not follow the space afterwards.
 *
 * <p>The page map covers the pages of every reservation that existed at some step (the first
 * {@value #PAGES_PER_RESERVATION} pages of a bigger one), and keeps for each step only the pages it changed.
 *
 * <p>{@code var s = space(); var r = s.reserve(kb(16)); r.commit(0, kb(4)); r.write(0, 42); s.history()}
 */
public final class History {
    /** The most calls a history steps through. */
    public static final int MAX_STEPS = 2_000;
    /** The most pages of one reservation the page map shows: its first ones. */
    public static final int PAGES_PER_RESERVATION = 256;

    private final int pageSize;
    private final List<Step> steps;
    private final long[] pages;
    /** For each step, the pages it changed. */
    private final Changes[] changed;
    private final boolean cut;

    /** The pages one step changed, as indices into {@link #pages}, and the state it left each in. */
    private record Changes(int[] pages, Page[] to) {}

    private History(int pageSize, List<Step> steps, long[] pages, Changes[] changed, boolean cut) {
        this.pageSize = pageSize;
        this.steps = steps;
        this.pages = pages;
        this.changed = changed;
        this.cut = cut;
    }

    /**
     * One call of the history, with what it caused.
     *
     * @param index  its place, 0 the first call
     * @param call   the journal's event of the call (for an access that faulted, its ACCESS_VIOLATION or GUARD_PAGE)
     * @param caused the demand-zero and hard faults and evictions the call caused, in order
     */
    public record Step(int index, JournalEvent call, List<JournalEvent> caused) {
        public Step {
            caused = List.copyOf(caused);
        }

        /** Whether the call did what it asked: a failed VirtualAlloc or a faulted access did not, and changed nothing. */
        public boolean ok() {
            return switch (call.kind()) {
                case ALLOCATE, FREE, PROTECT, MAP, UNMAP, CLOSE_HANDLE -> call.result() == 0;
                case SECTION -> call.result() == 0 || call.result() == Flags.ERROR_ALREADY_EXISTS;
                case ACCESS_VIOLATION, GUARD_PAGE -> false;
                default -> true;
            };
        }

        /** The call as the journal writes it, without its time and result: {@code VirtualFree(0x1_0000, 0 bytes, MEM_RELEASE)}. */
        public String text() {
            JournalEvent e = call;
            return switch (e.kind()) {
                case ALLOCATE, FREE, PROTECT, SECTION, MAP, UNMAP, CLOSE_HANDLE -> {
                    String s = untimed(e);
                    yield s.substring(0, s.lastIndexOf(" -> "));
                }
                case ACCESS_VIOLATION, GUARD_PAGE -> {
                    int width = (int) e.out();
                    String at = Hex.address(e.arg());
                    if (width == 0) {
                        yield "touch (" + Flags.accessName(e.flags()) + ") at " + at;
                    }
                    yield switch (e.flags()) {
                        case ACCESS_WRITE -> "write " + (width == 1 ? "1 byte" : width + " bytes") + " at " + at;
                        case ACCESS_EXECUTE -> "execute at " + at;
                        default -> "read " + (width == 1 ? "1 byte" : width + " bytes") + " at " + at;
                    };
                }
                default -> untimed(e);
            };
        }

        /** What the call gave, then what it caused: {@code 0x1_0000}, {@code ERROR_INVALID_ADDRESS}, {@code ok; demand-zero fault at 0x1_0000 -> frame 0}. */
        public String result() {
            JournalEvent e = call;
            String r = switch (e.kind()) {
                case ALLOCATE -> e.result() == 0 ? Hex.address(e.out()) : Flags.errorName(e.result());
                case FREE -> e.result() == 0 ? "ok" : Flags.errorName(e.result());
                case PROTECT -> e.result() == 0 ? "old " + Flags.protectionName((int) e.out()) : Flags.errorName(e.result());
                case ACCESS_VIOLATION -> "access violation at " + Hex.address(e.address());
                case GUARD_PAGE -> "guard page violation at " + Hex.address(e.address()) + ", the guard is cleared";
                case SECTION, MAP, UNMAP, CLOSE_HANDLE -> {
                    String s = e.toString();
                    yield s.substring(s.lastIndexOf(" -> ") + 4);
                }
                default -> "ok";
            };
            StringBuilder sb = new StringBuilder(r);
            for (JournalEvent c : caused) {
                sb.append("; ").append(untimed(c));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return (index + 1) + ". " + text() + " -> " + result();
        }

        private static String untimed(JournalEvent e) {
            String s = e.toString();
            return s.substring(s.indexOf(' ') + 1);
        }
    }

    /**
     * One page of the map at one step.
     *
     * @param address  the page's address
     * @param state    MEM_FREE, MEM_RESERVE or MEM_COMMIT
     * @param protect  the page's protection (committed pages; PAGE_GUARD apart, in {@code guard})
     * @param guard    whether PAGE_GUARD is still set
     * @param resident whether the page is in a frame
     * @param dirty    whether the page holds data found nowhere else (written, or zero-filled and never saved)
     */
    public record Page(long address, int state, int protect, boolean guard, boolean resident, boolean dirty) {
        static Page free(long address) {
            return new Page(address, MEM_FREE, 0, false, false, false);
        }

        static Page of(PageInfo p) {
            boolean committed = p.state() == MEM_COMMIT;
            return new Page(p.address(), p.state(), committed ? p.protect() & ~PAGE_GUARD : 0, committed && p.guard(),
                    p.resident(), p.dirty());
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(Hex.address(address)).append(' ').append(switch (state) {
                case MEM_COMMIT -> Protection.shortName(protect);
                case MEM_RESERVE -> "reserved";
                default -> "free";
            });
            if (guard) {
                sb.append(", guard");
            }
            if (resident) {
                sb.append(", resident");
            }
            if (dirty) {
                sb.append(", dirty");
            }
            return sb.toString();
        }
    }

    /** Replays {@code space}'s journal on a fresh computer, a step a call; refuses a journal that cannot replay. */
    static History of(AddressSpace space) {
        JournalView journal = space.journal();
        Machine machine = space.machine();
        String refused = refusal(space, journal, machine);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        List<JournalEvent> events = new ArrayList<>(journal.size());
        int calls = 0;
        for (int i = 0; i < journal.size(); i++) {
            JournalEvent e = journal.event(i);
            events.add(e);
            if (Redo.isCall(e.kind())) {
                calls++;
            }
        }
        if (calls > MAX_STEPS) {
            throw new IllegalStateException("this space's journal holds " + calls + " calls; a history steps through at "
                    + "most " + MAX_STEPS + ". Its journal() lists the last events, faults() draws the faults over time, "
                    + "and a shorter program makes a history to watch");
        }
        VirtualMemory vm = SpaceAccess.engine(machine.unboundedJournal().boot().space());
        int pageSize = vm.layout().pageSize();
        List<Step> steps = new ArrayList<>(calls);
        List<Map<Long, Page>> changes = new ArrayList<>(calls);
        Map<Long, Page> now = new HashMap<>();
        TreeSet<Long> shown = new TreeSet<>();
        boolean cut = false;
        List<JournalEvent> caused = new ArrayList<>();
        for (JournalEvent e : events) {
            if (!Redo.isCall(e.kind())) {
                caused.add(e);
                continue;
            }
            String differs = Redo.call(vm, e);
            if (differs != null) {
                throw new IllegalStateException("step " + (steps.size() + 1) + " (" + e + "): made again on a fresh "
                        + "computer it gives " + differs + ", so this space's history cannot be replayed");
            }
            steps.add(new Step(steps.size(), e, caused));
            caused.clear();
            Map<Long, Page> after = new HashMap<>();
            for (Allocation a : vm.allocations()) {
                long end = a.end();
                if ((end - a.base()) / pageSize > PAGES_PER_RESERVATION) {
                    end = a.base() + (long) PAGES_PER_RESERVATION * pageSize;
                    cut = true;
                }
                for (long p = a.base(); p < end; p += pageSize) {
                    after.put(p, Page.of(vm.page(p)));
                }
            }
            Map<Long, Page> changed = new TreeMap<>();
            for (var entry : after.entrySet()) {
                if (!entry.getValue().equals(now.get(entry.getKey()))) {
                    changed.put(entry.getKey(), entry.getValue());
                }
            }
            for (Long p : now.keySet()) {
                if (!after.containsKey(p)) {
                    changed.put(p, Page.free(p));
                }
            }
            shown.addAll(changed.keySet());
            changes.add(changed);
            now = after;
        }
        if (!caused.isEmpty() && !steps.isEmpty()) { // consequences journaled after the last call: not expected
            Step last = steps.remove(steps.size() - 1);
            List<JournalEvent> all = new ArrayList<>(last.caused());
            all.addAll(caused);
            steps.add(new Step(last.index(), last.call(), all));
        }
        long[] pages = shown.stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < pages.length; i++) {
            index.put(pages[i], i);
        }
        Changes[] changed = new Changes[steps.size()];
        for (int k = 0; k < steps.size(); k++) {
            Map<Long, Page> c = changes.get(k);
            Changes step = new Changes(new int[c.size()], new Page[c.size()]);
            int j = 0;
            for (var entry : c.entrySet()) {
                step.pages()[j] = index.get(entry.getKey());
                step.to()[j++] = entry.getValue();
            }
            changed[k] = step;
        }
        return new History(pageSize, Collections.unmodifiableList(steps), pages, changed, cut);
    }

    private static String refusal(AddressSpace space, JournalView journal, Machine machine) {
        if (!journal.enabled()) {
            return "this space's journal is switched off, so it holds no calls to step through";
        }
        if (journal.dropped() > 0) {
            return "this space's journal dropped its " + journal.dropped() + " oldest events to stay within its limit of "
                    + journal.limit() + ", so its history cannot be replayed from the start; boot a machine with "
                    + "unboundedJournal() (or a larger journalLimit(...)) to watch it step by step";
        }
        if (!journal.complete()) {
            return "this space's journal does not hold every access (" + journal.unrecordedAccesses() + " went unrecorded:"
                    + " recordReads(false), or trace references made through touch), so its history cannot be replayed";
        }
        if (!machine.unlimited() && machine.policy().needsFuture()) {
            return "OPT reads the future of a trace; the history of a space on an OPT machine cannot be replayed call by call";
        }
        if (space.computer().spaceCount() > 1 && journal.count(dev.pagelab.engine.JournalKind.SECTION) > 0) {
            return "this space maps sections its computer's other spaces may share, whose writes its history alone would "
                    + "not replay";
        }
        if (!machine.unlimited() && space.computer().spaceCount() > 1) {
            return "this space shares its computer's " + machine.settings().frames() + " frames with "
                    + (space.computer().spaceCount() - 1) + " other space(s), whose calls take frames from it; its "
                    + "history alone would not replay to the same state";
        }
        return null;
    }

    /** How many steps (calls). */
    public int size() {
        return steps.size();
    }

    /** Step {@code i}, 0 the first call. */
    public Step step(int i) {
        return steps.get(i);
    }

    /** Every step, in order. */
    public List<Step> steps() {
        return steps;
    }

    /** How many steps were refused or faulted (and changed nothing but a guard bit). */
    public int failures() {
        return (int) steps.stream().filter(s -> !s.ok()).count();
    }

    /** How many page faults the calls caused or met: demand-zero, hard, access violations and guard pages. */
    public int faults() {
        int n = 0;
        for (Step s : steps) {
            n += s.call().kind().isFault() ? 1 : 0;
            for (JournalEvent c : s.caused()) {
                n += c.kind().isFault() ? 1 : 0;
            }
        }
        return n;
    }

    /** The page size of the space. */
    public int pageSize() {
        return pageSize;
    }

    /** The addresses of the pages the map shows, lowest first: every page of every reservation at any step. */
    public long[] pages() {
        return pages.clone();
    }

    /** Whether a reservation had more than {@value #PAGES_PER_RESERVATION} pages, so only its first ones are shown. */
    public boolean cut() {
        return cut;
    }

    /** The map after {@code k} steps (0 before the first call): the state of each page of {@link #pages()}. */
    public List<Page> pagesAfter(int k) {
        if (k < 0 || k > steps.size()) {
            throw new IndexOutOfBoundsException("step " + k + ": this history has steps 0 to " + steps.size());
        }
        Page[] map = new Page[pages.length];
        for (int i = 0; i < pages.length; i++) {
            map[i] = Page.free(pages[i]);
        }
        for (int s = 0; s < k; s++) {
            Changes c = changed[s];
            for (int j = 0; j < c.pages().length; j++) {
                map[c.pages()[j]] = c.to()[j];
            }
        }
        return List.of(map);
    }

    /** The pages step {@code i} changed, as indices into {@link #pages()}, lowest first. */
    public int[] changedBy(int i) {
        return changed[i].pages().clone();
    }

    /** The states step {@code i} left the pages it changed in, in the order of {@link #changedBy(int)}. */
    public List<Page> changedTo(int i) {
        return List.of(changed[i].to());
    }

    /** A line of totals: {@code 7 calls, 1 refused or faulted, 3 faults; 4 pages shown}. */
    public String summary() {
        int failed = failures();
        return "History of a space: " + steps.size() + (steps.size() == 1 ? " call" : " calls")
                + (failed > 0 ? ", " + failed + " refused or faulted" : "") + ", " + faults()
                + (faults() == 1 ? " fault" : " faults") + "; " + pages.length + (pages.length == 1 ? " page" : " pages")
                + " shown" + (cut ? " (the first " + PAGES_PER_RESERVATION + " of a bigger reservation)" : "");
    }

    /** The calls a long history's text shows: its first and last ones, so that JShell's 1,000 characters hold it. */
    private static final int TEXT_HEAD = 6;
    private static final int TEXT_TAIL = 4;

    /** The numbered calls with their results; a long history shows its first and last ones. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary());
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            if (n > TEXT_HEAD + TEXT_TAIL + 1 && i == TEXT_HEAD) {
                sb.append("\n       ... ").append(n - TEXT_HEAD - TEXT_TAIL).append(" more (a notebook's player shows them all)");
                i = n - TEXT_TAIL;
            }
            sb.append('\n').append(String.format("%4s", i + 1 + ".")).append(' ').append(steps.get(i).text())
                    .append(" -> ").append(steps.get(i).result());
        }
        return sb.toString();
    }
}
