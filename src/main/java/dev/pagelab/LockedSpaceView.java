package dev.pagelab;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.List;

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
        synchronized (space.lock) {
            return vm.query(address);
        }
    }

    @Override
    public PageInfo page(long address) {
        synchronized (space.lock) {
            return vm.page(address);
        }
    }

    @Override
    public List<Reservation> reservations() {
        synchronized (space.lock) {
            List<Reservation> list = new ArrayList<>();
            for (Allocation a : vm.allocations()) {
                list.add(reservation(a));
            }
            return list;
        }
    }

    @Override
    public Reservation reservationAt(long address) {
        synchronized (space.lock) {
            Allocation a = vm.allocationAt(address);
            return a == null ? null : reservation(a);
        }
    }

    private Reservation reservation(Allocation a) {
        return new Reservation(a.base(), a.size(), a.protect(), a.committedPages(), a.type());
    }

    @Override
    public long nextCommitted(long from, long to) {
        synchronized (space.lock) {
            return vm.nextCommitted(from, to);
        }
    }

    @Override
    public int tableIndex(long address, int level) {
        return vm.tableIndex(address, level);
    }

    @Override
    public boolean tableNodePresent(long address, int level) {
        synchronized (space.lock) {
            return vm.tableNodePresent(address, level);
        }
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

    @Override
    public String toString() {
        return "view of a space: " + committedPages() + " pages committed, " + residentPages() + " resident, "
                + pageTablePages() + " page-table pages";
    }
}
