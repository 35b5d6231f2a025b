package dev.pagelab;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The read-only view of an {@link AddressSpace}: each call reads the engine under the space's lock. */
final class LockedSpaceView implements SpaceView {
    private final AddressSpace space;
    private final VirtualMemory vm;

    LockedSpaceView(AddressSpace space) {
        this.space = space;
        this.vm = space.vm();
    }

    @Override
    public Layout layout() {
        return vm.layout();
    }

    @Override
    public MemoryRegion query(long address) {
        return locked(v -> v.query(address));
    }

    @Override
    public PageInfo page(long address) {
        return locked(v -> v.page(address));
    }

    @Override
    public List<Reservation> reservations() {
        return locked(v -> {
            List<Reservation> list = new ArrayList<>();
            for (Allocation a : v.allocations()) {
                list.add(reservation(a));
            }
            return list;
        });
    }

    @Override
    public Reservation reservationAt(long address) {
        return locked(v -> {
            Allocation a = v.allocationAt(address);
            return a == null ? null : reservation(a);
        });
    }

    private Reservation reservation(Allocation a) {
        return new Reservation(a.base(), a.size(), a.protect(), a.committedPages(), a.type());
    }

    @Override
    public long nextCommitted(long from, long to) {
        return space.read(v -> v.nextCommitted(from, to));
    }

    @Override
    public int tableIndex(long address, int level) {
        return vm.tableIndex(address, level);
    }

    @Override
    public boolean tableNodePresent(long address, int level) {
        return locked(v -> v.tableNodePresent(address, level));
    }

    @Override
    public long pageTablePages() {
        return space.pageTablePages();
    }

    @Override
    public long committedPages() {
        return space.read(VirtualMemory::committedPages);
    }

    @Override
    public long residentPages() {
        return space.residentPages();
    }

    @Override
    public long largestFreeBlock() {
        return space.read(VirtualMemory::largestFreeBlock);
    }

    /** One value read from the engine under the space's lock. */
    private <T> T locked(Function<VirtualMemory, T> what) {
        synchronized (space.lock) {
            return what.apply(vm);
        }
    }

    @Override
    public String toString() {
        return "view of a space: " + committedPages() + " pages committed, " + residentPages() + " resident, "
                + pageTablePages() + " page-table pages";
    }
}
