package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Random map, unmap, write, read and close calls by two processes on two named sections, in a memory of three frames
 * (so shared pages are evicted and come back): every read gives what a simple model of shared bytes and private
 * copies says, every failed call changes nothing, and the invariants hold after every step (docs/windows-rules.md
 * S-16, S-18, P-1).
 */
class SectionProperties {

    /** One step: which process, what to do, on which section or view, which page, which value. */
    record Step(int space, int op, int which, int page, long value) {}

    private static final int PAGE = 4096;
    private static final int PAGES = 3;
    private static final Layout SMALL = Layout.WINDOWS_X64.userRange(0x10000, 1L << 28);
    private static final int[] ACCESS = {FILE_MAP_READ, FILE_MAP_WRITE, FILE_MAP_COPY};

    /** A view in the model: which section, how it was mapped, its private copies. */
    private static final class ModelView {
        final long base;
        final int section;
        final int access;
        final Map<Integer, Long> copies = new HashMap<>();

        ModelView(long base, int section, int access) {
            this.base = base;
            this.section = section;
            this.access = access;
        }
    }

    @Property(tries = 400)
    void viewsShareBytes_copiesStayPrivate_failedCallsChangeNothing(@ForAll("steps") @Size(min = 1, max = 50) List<Step> steps) {
        PhysicalMemory memory = new PhysicalMemory(PAGE, 3, 64, 64, dev.pagelab.policy.Policy.CLOCK.create());
        VirtualMemory[] spaces = {new VirtualMemory(SMALL, memory, 4), new VirtualMemory(SMALL, memory, 0)};
        long[][] handles = new long[2][2];
        long[][] bytes = new long[2][PAGES];
        for (int s = 0; s < 2; s++) {
            assertThat(spaces[0].createSection(-1, PAGE_READWRITE, PAGES * PAGE, "s" + s)).isZero();
            handles[0][s] = spaces[0].result();
            assertThat(spaces[1].openSection(FILE_MAP_ALL_ACCESS, "s" + s)).isZero();
            handles[1][s] = spaces[1].result();
        }
        List<List<ModelView>> views = List.of(new ArrayList<>(), new ArrayList<>());
        for (Step step : steps) {
            VirtualMemory vm = spaces[step.space()];
            List<ModelView> mine = views.get(step.space());
            switch (step.op()) {
                case 0 -> { // map
                    int section = step.which() % 2;
                    int access = ACCESS[step.page() % 3];
                    assertThat(vm.mapView(handles[step.space()][section], access, 0, 0, 0)).isZero();
                    mine.add(new ModelView(vm.result(), section, access));
                }
                case 1 -> { // unmap
                    if (!mine.isEmpty()) {
                        ModelView v = mine.remove(step.which() % mine.size());
                        assertThat(vm.unmapView(v.base)).isZero();
                    }
                }
                case 2 -> { // write
                    if (!mine.isEmpty()) {
                        ModelView v = mine.get(step.which() % mine.size());
                        int status = vm.write(v.base + (long) step.page() * PAGE, 8, step.value());
                        if (v.access == FILE_MAP_READ) {
                            assertThat(status).isEqualTo(STATUS_ACCESS_VIOLATION);
                        } else {
                            assertThat(status).isZero();
                            if (v.access == FILE_MAP_COPY) {
                                v.copies.put(step.page(), step.value());
                            } else {
                                bytes[v.section][step.page()] = step.value();
                            }
                        }
                    }
                }
                case 3 -> failedCall(spaces, step, handles);
                default -> { } // reads only
            }
            for (int s = 0; s < 2; s++) {
                for (ModelView v : views.get(s)) {
                    for (int p = 0; p < PAGES; p++) {
                        assertThat(spaces[s].read(v.base + (long) p * PAGE, 8)).isZero();
                        long expected = v.copies.getOrDefault(p, bytes[v.section][p]);
                        assertThat(spaces[s].value()).as("space %d view %s page %d", s, Hex.address(v.base), p)
                                .isEqualTo(expected);
                    }
                }
                Invariants.check(spaces[s]);
            }
            Invariants.checkFrames(spaces);
        }
        for (int s = 0; s < 2; s++) {
            for (ModelView v : views.get(s)) {
                assertThat(spaces[s].unmapView(v.base)).isZero();
            }
            for (long h : handles[s]) {
                assertThat(spaces[s].closeHandle(h)).isZero();
            }
        }
        assertThat(memory.commitCharge()).isZero();
        assertThat(memory.framesInUse()).isZero();
        assertThat(memory.pageFileInUse()).isZero();
        assertThat(memory.sectionList()).isEmpty();
    }

    /** One of the calls that fail; the state before and after must be the same. */
    private static void failedCall(VirtualMemory[] spaces, Step step, long[][] handles) {
        VirtualMemory vm = spaces[step.space()];
        String before = state(spaces);
        long handle = handles[step.space()][step.which() % 2];
        int error = switch (step.page()) {
            case 0 -> vm.mapView(handle, FILE_MAP_READ, 0x1000, 0, 0);
            case 1 -> vm.mapView(handle, FILE_MAP_READ, 0, PAGES * PAGE + 1, 0);
            case 2 -> vm.mapView(handle + 100, FILE_MAP_READ, 0, 0, 0);
            default -> vm.unmapView(0x10000 + 0x1000L * (step.value() & 0xFF));
        };
        assertThat(error).as("step %s", step).isIn(ERROR_MAPPED_ALIGNMENT, ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE,
                ERROR_INVALID_ADDRESS);
        assertThat(state(spaces)).as("a failed call changes nothing").isEqualTo(before);
    }

    /** What a call could change: allocations, the entries of their pages, commit charge, frames, sections. */
    private static String state(VirtualMemory[] spaces) {
        StringBuilder sb = new StringBuilder();
        for (VirtualMemory vm : spaces) {
            for (Allocation a : vm.allocations()) {
                sb.append(a).append(' ').append(a.privatePages).append(':');
                for (long p = a.base(); p < a.end(); p += PAGE) {
                    sb.append(Long.toHexString(vm.entry(p))).append(',');
                }
            }
            sb.append(vm.openHandles()).append(';');
        }
        PhysicalMemory m = spaces[0].memory();
        return sb.append(m.commitCharge()).append('/').append(m.framesInUse()).append('/').append(m.pageFileInUse())
                .append('/').append(m.sectionList()).toString();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, PAGES - 1),
                Arbitraries.longs()).as(Step::new);
        return step.list();
    }
}
