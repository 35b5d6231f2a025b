package dev.pagelab.lesson;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.PageLab;
import dev.pagelab.Region;
import dev.pagelab.Size;
import dev.pagelab.SpaceView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Physical memory shared out by paging, on the real engine: each program is an address space of its own on one
 * machine with a fixed number of frames and no page file. A request commits that many pages and touches each
 * one, so every page takes whichever frame is free; freeing releases the program's region and its frames. A
 * request is refused only when there are not enough free frames in all (the commit limit), never because they
 * are scattered.
 *
 * <pre>{@code
 * var pm = paged(12);
 * pm.allocate("A", 3); pm.allocate("B", 2); pm.free("A");
 * pm.allocate("C", 4)          // pages 0–3 in frames 2, 1, 0, 5
 * translation(pm.region("C"))  // its page table
 * }</pre>
 */
public final class PagedMemory extends LoggedAllocator implements Allocator {
    private final Computer computer;
    private final int frames;
    /** Live programs by name. */
    private final Map<String, Region> regions = new LinkedHashMap<>();

    PagedMemory(int frames) {
        super(StepLog.checkUnits(frames, "frame"));
        this.frames = frames;
        this.computer = PageLab.machine().frames(frames).pageFile(Size.bytes(0L)).boot();
    }

    /**
     * Gives {@code program} an address space with {@code pages} committed pages and touches each, lowest first:
     * each first touch takes a free frame. Refused, with the reason, when fewer frames are free.
     */
    @Override
    public Placement allocate(String program, int pages) {
        StepLog.checkName(program);
        if (pages < 1) {
            throw new IllegalArgumentException(program + " asks for " + pages + " pages: ask for at least 1");
        }
        if (regions.containsKey(program)) {
            throw new IllegalArgumentException(program + " already holds " + StepLog.unitCount(
                    (int) regions.get(program).pageCount(), "frame") + ": free it first, or give the new request another name");
        }
        Placement p;
        int free = freeUnits();
        if (pages > free) {
            String why = pages > frames ? "the memory has only " + StepLog.unitCount(frames, "frame")
                    : "only " + StepLog.unitCount(free, "frame") + (free == 1 ? " is" : " are") + " free";
            p = new Placement(program, pages, unit(), List.of(), why);
        } else {
            AddressSpace space = computer.space();
            Region region = space.allocate(Size.pages(pages));
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                long address = region.base() + (long) i * space.pageSize();
                region.touch((long) i * space.pageSize());
                where.add(space.page(address).frame());
            }
            regions.put(program, region);
            p = new Placement(program, pages, unit(), where, "");
        }
        log.request(p, freeUnits(), largestFreeBlock());
        return p;
    }

    /** Releases {@code program}'s region: its frames go back to the free list. */
    @Override
    public PagedMemory free(String program) {
        Region region = regions.remove(StepLog.checkName(program));
        if (region == null) {
            throw new IllegalArgumentException("free(\"" + program + "\"): " + program + " holds no frames; programs holding "
                    + "memory: " + (regions.isEmpty() ? "none" : String.join(", ", regions.keySet())));
        }
        region.release();
        log.freed(program, freeUnits(), largestFreeBlock());
        return this;
    }

    /** The computer under every program: its frames, for {@code frameMap(pm.computer())}. */
    public Computer computer() {
        return computer;
    }

    /** The region of a program holding memory: its pages and page table, for {@code translation(pm.region("A"))}. */
    public Region region(String program) {
        Region r = regions.get(program);
        if (r == null) {
            throw new IllegalArgumentException(program + " holds no frames; programs holding memory: "
                    + (regions.isEmpty() ? "none" : String.join(", ", regions.keySet())));
        }
        return r;
    }

    @Override
    public String kind() {
        return "paged";
    }

    @Override
    public String unit() {
        return "frame";
    }

    @Override
    public int units() {
        return frames;
    }

    @Override
    public int freeUnits() {
        return frames - computer.framesInUse();
    }

    /** Every free frame: a request of that many pages is placed, wherever the frames are. */
    @Override
    public int largestFreeBlock() {
        return freeUnits();
    }

    @Override
    public String owner(int frame) {
        Region r = regionAt(frame);
        return r == null ? null : nameOf(r);
    }

    @Override
    public int pageAt(int frame) {
        Region r = regionAt(frame);
        if (r == null) {
            return -1;
        }
        long address = computer.view().page(frame) << r.space().machine().layout().pageShift();
        return (int) ((address - r.base()) / r.space().pageSize());
    }

    private Region regionAt(int frame) {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " is outside the memory's frames 0–" + (frames - 1));
        }
        SpaceView owner = computer.view().owner(frame);
        if (owner == null) {
            return null;
        }
        for (Region r : regions.values()) {
            if (r.space().view() == owner) {
                return r;
            }
        }
        return null;
    }

    private String nameOf(Region region) {
        for (Map.Entry<String, Region> e : regions.entrySet()) {
            if (e.getValue() == region) {
                return e.getKey();
            }
        }
        return null;
    }

    /** What each program holds now, in order of its first frame. */
    @Override
    public List<Placement> placements() {
        List<Placement> list = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            String name = owner(f);
            if (name != null && !seen.contains(name)) {
                seen.add(name);
                Region r = regions.get(name);
                List<Integer> where = new ArrayList<>();
                for (long i = 0; i < r.pageCount(); i++) {
                    where.add(r.space().page(r.base() + i * r.space().pageSize()).frame());
                }
                list.add(new Placement(name, where.size(), unit(), where, ""));
            }
        }
        return list;
    }

    @Override
    String heading() {
        return "paged memory: " + StepLog.unitCount(frames, "frame") + " of "
                + dev.pagelab.engine.Hex.size(computer.machine().pageSize()) + ", " + freeUnits() + " free";
    }
}
