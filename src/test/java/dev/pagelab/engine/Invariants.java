package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engine's invariants, checked after every step of the property tests and after the tests of the DSL, the
 * Win32 facade and replacement: {@code Invariants.check(SpaceAccess.engine(space))}.
 */
public final class Invariants {
    private Invariants() {}

    /**
     * Regions tile [0, user limit); commit charge equals committed pages; allocations do not overlap; and the frames
     * of the space's memory agree with the page tables ({@link #checkFrames}).
     */
    public static void check(VirtualMemory vm) {
        long expected = 0;
        long committedSeen = 0;
        int page = vm.layout().pageSize();
        while (expected < vm.layout().maxAddress()) {
            MemoryRegion r = vm.query(expected);
            assertThat(r).as("VirtualQuery(%s)", Hex.address(expected)).isNotNull();
            assertThat(r.baseAddress()).as("region base at %s", Hex.address(expected)).isEqualTo(expected);
            assertThat(r.regionSize()).as("region size at %s", Hex.address(expected)).isPositive();
            assertThat(r.regionSize() % page).isZero();
            if (r.state() == Flags.MEM_COMMIT) {
                if (r.type() == Flags.MEM_PRIVATE) {
                    committedSeen += r.regionSize() / page;
                } else {
                    assertThat(r.type()).as("type of the region at %s", Hex.address(expected)).isEqualTo(Flags.MEM_MAPPED);
                }
                assertThat(r.protect()).isNotZero();
            } else if (r.state() == Flags.MEM_RESERVE) {
                assertThat(r.protect()).isZero();
            } else {
                assertThat(r.protect()).isEqualTo(Flags.PAGE_NOACCESS);
                assertThat(r.allocationBase()).isZero();
            }
            expected = r.end();
        }
        assertThat(expected).isEqualTo(vm.layout().maxAddress());
        assertThat(vm.committedPages()).as("committed pages").isEqualTo(committedSeen);
        if (vm.memory().spaces() == 1) {
            assertThat(vm.memory().commitCharge()).as("commit charge").isEqualTo(committedSeen + sectionCharge(vm.memory()));
        } else {
            assertThat(vm.memory().commitCharge()).as("commit charge of %d spaces", vm.memory().spaces())
                    .isGreaterThanOrEqualTo(committedSeen);
        }
        long sum = 0;
        long previousEnd = 0;
        for (Allocation a : vm.allocations()) {
            assertThat(a.base()).as("allocation bases are granule-aligned and ordered")
                    .isGreaterThanOrEqualTo(previousEnd);
            assertThat(a.base() % vm.layout().granularity()).isZero();
            previousEnd = a.end();
            if (a.isView()) {
                checkView(vm, a);
            } else {
                sum += a.committedPages();
            }
        }
        assertThat(sum).as("per-allocation committed pages").isEqualTo(committedSeen);
        long viewPages = vm.allocations().stream().filter(Allocation::isView).mapToLong(a -> a.size() / page).sum();
        assertThat(vm.residentPages()).isLessThanOrEqualTo(committedSeen + viewPages);
        checkFrames(vm);
    }

    /**
     * Physical frames against page-table entries, over every space that holds a frame of the memory of
     * {@code spaces} and over {@code spaces} themselves: every resident entry's frame is owned by that space and
     * page; every frame in use is referenced by exactly one entry, lies in its space's pool and is in use there;
     * a frame with no page is free in its pool; the counts of resident pages and frames in use agree. When the
     * spaces seen are all the memory has, the page-file slots are checked too: each one in use is referenced by
     * exactly one entry or frame, and their number is the page file's count.
     */
    public static void checkFrames(VirtualMemory... spaces) {
        if (spaces.length == 0) {
            return;
        }
        PhysicalMemory memory = spaces[0].memory();
        Set<VirtualMemory> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(Arrays.asList(spaces));
        Map<VirtualMemory, Long> owned = new IdentityHashMap<>();
        BitSet slots = new BitSet();
        long slotsSeen = 0;
        int inUse = 0;
        long sectionFrames = 0;
        long sectionListed = 0;
        Map<Integer, Long> inSetsOf = new java.util.TreeMap<>();
        for (int f = 0; f < memory.framesTouched(); f++) {
            VirtualMemory owner = memory.owner(f);
            Section section = memory.section(f);
            if (section != null) {
                inUse++;
                long proto = section.proto(memory.page(f));
                assertThat(frameOf(proto)).as("frame %d holds page %d of %s, whose entry names frame %d",
                        f, memory.page(f), section, frameOf(proto)).isEqualTo(f);
                WorkingSets sets = memory.workingSets();
                if ((proto & PageTable.TRANSITION) != 0) {
                    // W5-2: a trimmed section page keeps its frame on the standby or modified list.
                    sectionListed++;
                    assertThat(sets).as("section page in transition without working sets").isNotNull();
                    assertThat(proto & (PageTable.PRESENT | PageTable.IN_FILE)).as("section page %d in transition is "
                            + "neither present nor in the page file", memory.page(f)).isZero();
                    assertThat(sets.where(f)).as("frame %d holds a section page in transition, on no list", f)
                            .isIn(WorkingSets.STANDBY, WorkingSets.MODIFIED);
                    assertThat(sets.where(f) == WorkingSets.MODIFIED).as("section frame %d: on the modified list exactly "
                            + "when dirty", f).isEqualTo((proto & PageTable.DIRTY) != 0);
                    assertThat(memory.locked(f)).as("listed section frame %d is locked", f).isFalse();
                } else {
                    sectionFrames++;
                    assertThat(proto & PageTable.PRESENT).as("frame %d: its section page is present", f).isNotZero();
                    if (sets != null) {
                        // W5-1: a resident section page is in the working set of one space.
                        assertThat(sets.where(f)).as("section frame %d is in a working set", f)
                                .isEqualTo(WorkingSets.IN_SET);
                        inSetsOf.merge(sets.setOf(f), 1L, Long::sum);
                    }
                }
                int slot = memory.slotOf(f);
                if (slot >= 0) {
                    slotsSeen += useSlot(memory, slots, slot, "frame " + f);
                }
                continue;
            }
            if (owner == null) {
                for (int space = 0; space < memory.spaces(); space++) {
                    FramePool pool = memory.pool(space);
                    assertThat(pool.holds(f) && pool.used(f)).as("frame %d has no page but is in use in its pool", f)
                            .isFalse();
                }
                continue;
            }
            inUse++;
            seen.add(owner);
            owned.merge(owner, 1L, Long::sum);
            long address = memory.page(f) << owner.layout().pageShift();
            long pte = owner.entry(address);
            WorkingSets sets = memory.workingSets();
            if (sets != null && (pte & PageTable.TRANSITION) != 0) {
                // Windows working sets: a page on the standby or modified list keeps its frame (W4-2).
                byte where = sets.where(f);
                assertThat(where).as("frame %d holds page %s in transition, which is on no list", f,
                        Hex.address(address)).isIn(WorkingSets.STANDBY, WorkingSets.MODIFIED);
                assertThat(where == WorkingSets.MODIFIED).as("frame %d: on the modified list exactly when dirty", f)
                        .isEqualTo((pte & PageTable.DIRTY) != 0);
                assertThat(pte & (PageTable.PRESENT | PageTable.LOCKED)).as("page %s on a list is neither present "
                        + "nor locked", Hex.address(address)).isZero();
            } else {
                assertThat(pte & PageTable.PRESENT).as("frame %d holds page %s of %s, whose entry %s is not resident",
                        f, Hex.address(address), owner, Long.toHexString(pte)).isNotZero();
                if (sets != null) {
                    assertThat(sets.where(f)).as("frame %d of resident page %s is in a working set", f,
                            Hex.address(address)).isEqualTo(WorkingSets.IN_SET);
                }
            }
            assertThat(frameOf(pte)).as("frame %d holds page %s, whose entry names frame %d", f, Hex.address(address),
                    frameOf(pte)).isEqualTo(f);
            assertThat(owner.framePool().holds(f)).as("frame %d of page %s lies outside its space's pool", f,
                    Hex.address(address)).isTrue();
            assertThat(owner.framePool().used(f)).as("frame %d of page %s is free in its pool", f, Hex.address(address))
                    .isTrue();
            int slot = memory.slotOf(f);
            if (slot >= 0) {
                slotsSeen += useSlot(memory, slots, slot, "frame " + f);
            }
        }
        assertThat(inUse).as("frames holding a page").isEqualTo(memory.framesInUse());
        long resident = 0;
        long listed = 0;
        long lockedAll = 0;
        for (VirtualMemory space : seen) {
            long entries = 0;
            long shared = 0;
            long onLists = 0;
            long locked = 0;
            int pageSize = space.layout().pageSize();
            long end = space.layout().maxAddress();
            for (long p = space.nextCommitted(0, end); p < end; p = space.nextCommitted(p + pageSize, end)) {
                long pte = space.entry(p);
                if ((pte & PageTable.MAPPED) != 0) {
                    Allocation view = space.allocationAt(p);
                    assertThat(view != null && view.isView()).as("mapped page %s lies in a view", Hex.address(p)).isTrue();
                    long sectionPage = view.sectionOffset() / pageSize + (p - view.base()) / pageSize;
                    assertThat(pte & (PageTable.TRANSITION | PageTable.IN_FILE)).as("view page %s is in transition or "
                            + "the page file: its section page is", Hex.address(p)).isZero();
                    if ((pte & PageTable.LOCKED) != 0) {
                        locked++;
                        // W5-6: a locked view page stays mapped.
                        assertThat(pte & PageTable.PRESENT).as("locked view page %s is resident", Hex.address(p))
                                .isNotZero();
                    }
                    if ((pte & PageTable.PRESENT) != 0) {
                        shared++;
                        assertThat(memory.section(frameOf(pte))).as("view page %s maps frame %d, which its section does not "
                                + "own", Hex.address(p), frameOf(pte)).isSameAs(view.section());
                        assertThat(view.section().frameOf(sectionPage)).as("view page %s maps frame %d, not its section "
                                + "page's", Hex.address(p), frameOf(pte)).isEqualTo(frameOf(pte));
                    }
                    continue;
                }
                if ((pte & PageTable.LOCKED) != 0) {
                    locked++;
                    // W4-13: a locked page never leaves memory.
                    assertThat(pte & PageTable.PRESENT).as("locked page %s is resident", Hex.address(p)).isNotZero();
                }
                if ((pte & PageTable.TRANSITION) != 0) {
                    onLists++;
                    int f = frameOf(pte);
                    assertThat(pte & (PageTable.PRESENT | PageTable.IN_FILE)).as("page %s in transition is neither "
                            + "present nor in the page file", Hex.address(p)).isZero();
                    assertThat(memory.owner(f)).as("page %s in transition names frame %d, another's", Hex.address(p), f)
                            .isSameAs(space);
                    assertThat(memory.page(f) << space.layout().pageShift()).as("page %s in transition names frame "
                            + "%d, which holds another page", Hex.address(p), f).isEqualTo(p);
                } else if ((pte & PageTable.PRESENT) != 0) {
                    entries++;
                    int f = frameOf(pte);
                    assertThat(memory.owner(f)).as("page %s is resident in frame %d, which another space owns",
                            Hex.address(p), f).isSameAs(space);
                    assertThat(memory.page(f) << space.layout().pageShift()).as("page %s is resident in frame %d, "
                            + "which holds another page", Hex.address(p), f).isEqualTo(p);
                    assertThat(pte & PageTable.IN_FILE).as("resident page %s is marked in the page file", Hex.address(p))
                            .isZero();
                } else if ((pte & PageTable.IN_FILE) != 0) {
                    slotsSeen += useSlot(memory, slots, frameOf(pte), "page " + Hex.address(p));
                }
            }
            assertThat(entries + shared).as("resident entries of %s", space).isEqualTo(space.residentPages());
            assertThat(owned.getOrDefault(space, 0L)).as("frames owned by %s", space).isEqualTo(entries + onLists);
            assertThat(locked).as("locked pages of %s", space).isEqualTo(space.lockedPages());
            if (memory.workingSets() != null) {
                // W5-1: its own resident pages and the section pages its faults brought in.
                assertThat((long) memory.workingSets().set(space.number()).size).as("working set of %s", space)
                        .isEqualTo(entries + inSetsOf.getOrDefault(space.number(), 0L));
            } else {
                assertThat(onLists).as("pages in transition without working sets").isZero();
            }
            resident += entries;
            listed += onLists;
            lockedAll += locked;
        }
        long sectionResident = 0;
        for (Section s : memory.sectionList()) {
            sectionResident += s.residentPages();
            for (long page = 0; page < s.pages(); page++) {
                long proto = s.proto(page);
                if ((proto & PageTable.PRESENT) == 0 && (proto & PageTable.IN_FILE) != 0) {
                    slotsSeen += useSlot(memory, slots, frameOf(proto), s + " page " + page);
                }
            }
        }
        assertThat(sectionResident).as("resident section pages").isEqualTo(sectionFrames);
        if (seen.size() == memory.spaces()) {
            assertThat(resident + listed + sectionFrames + sectionListed).as("resident and listed pages of all %d "
                    + "spaces and sections", seen.size()).isEqualTo(memory.framesInUse());
            assertThat(lockedAll).as("locked pages of all spaces").isEqualTo(memory.lockedPages());
            WorkingSets sets = memory.workingSets();
            if (sets != null) {
                // Frames are conserved: working sets + standby + modified + free = frames.
                long inSets = 0;
                for (int i = 0; i < sets.spaces(); i++) {
                    inSets += sets.set(i).size;
                }
                long free = memory.frames() - memory.framesInUse();
                assertThat(inSets + sets.standby() + sets.modified() + free).as("frames in working sets, on the "
                        + "standby and modified lists and free").isEqualTo(memory.frames());
                assertThat((long) sets.standby() + sets.modified()).as("frames on lists").isEqualTo(listed + sectionListed);
            }
            assertThat(slotsSeen).as("page-file slots referenced").isEqualTo(memory.pageFileInUse());
        }
    }

    /**
     * The commit charge sections hold on {@code memory}: each live section's pages, and the whole size of each
     * copy-on-write view (docs/windows-rules.md S-2, S-12).
     */
    public static long sectionCharge(PhysicalMemory memory) {
        long charge = 0;
        for (Section s : memory.sectionList()) {
            assertThat(s.dead()).as("%s is listed but dead", s).isFalse();
            assertThat(s.handleCount() + s.viewCount()).as("%s lives with no handle and no view", s).isPositive();
            charge += s.pages();
            for (Allocation v : s.views()) {
                if (v.protect() == Flags.PAGE_WRITECOPY || v.protect() == Flags.PAGE_EXECUTE_WRITECOPY) {
                    charge += v.size() / s.pageSize();
                }
            }
        }
        return charge;
    }

    /** A view: every page is committed, shared pages are MAPPED, its section lists it. */
    private static void checkView(VirtualMemory vm, Allocation view) {
        Section s = view.section();
        assertThat(s.dead()).as("%s maps a dead section", view).isFalse();
        assertThat(s.views()).as("%s is listed by its section", view).containsOnlyOnce(view);
        long privatePages = 0;
        for (long p = view.base(); p < view.end(); p += vm.layout().pageSize()) {
            long pte = vm.entry(p);
            assertThat(pte & PageTable.COMMITTED).as("view page %s is committed", Hex.address(p)).isNotZero();
            if ((pte & PageTable.MAPPED) == 0) {
                privatePages++;
                int base = (int) (pte & 0xFF);
                assertThat(base == Flags.PAGE_WRITECOPY || base == Flags.PAGE_EXECUTE_WRITECOPY)
                        .as("private copy %s is still copy-on-write", Hex.address(p)).isFalse();
            } else {
                assertThat(pte & PageTable.IN_FILE).as("shared view page %s is marked in the page file", Hex.address(p))
                        .isZero();
            }
        }
        assertThat(privatePages).as("private pages of %s", view).isEqualTo(view.privatePages);
    }

    /** Marks {@code slot} as referenced by {@code by}: it must be in use and not referenced before. */
    private static long useSlot(PhysicalMemory memory, BitSet slots, int slot, String by) {
        assertThat(memory.pageFile().used(slot)).as("%s names page-file slot %d, which is free", by, slot).isTrue();
        assertThat(slots.get(slot)).as("%s names page-file slot %d, which something else names too", by, slot).isFalse();
        slots.set(slot);
        return 1;
    }

    private static int frameOf(long pte) {
        return (int) (pte >>> PageTable.FRAME_SHIFT);
    }
}
