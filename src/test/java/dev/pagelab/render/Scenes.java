package dev.pagelab.render;

import static dev.pagelab.PageLab.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.FrameView;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;

/** The states the picture tests draw, built the same way every time. */
final class Scenes {
    private Scenes() {}

    /** The seed tutorial's moves: reserve, commit part, protect, touch, fault; plus a second space on the computer. */
    static final class Tutorial {
        final Computer computer = machine().boot();
        final AddressSpace space = computer.space();
        final AddressSpace other = computer.space();
        final Region heap;
        final Region code;
        final Region stack;

        Tutorial() {
            heap = space.reserve(kb(64));
            heap.commit(0, kb(16));
            heap.commit(kb(16), kb(4), READONLY);
            heap.commit(kb(20), kb(4), READWRITE.guard());
            heap.write(0, 1);
            other.allocate(kb(8)).write(0, 7);
            heap.write(kb(4), 2);
            heap.read(kb(16));
            heap.write(kb(16), 3);          // access violation: READONLY
            heap.write(kb(40), 4);          // access violation: reserved
            heap.touch(20 * 1024L);           // guard page
            code = space.reserve(kb(16));
            code.commit(0, kb(8), EXECUTE_READ);
            code.execute(0);
            stack = space.reserveTopDown(mb(1));
            stack.commit(kb(1008), kb(16));
            stack.commit(kb(1004), kb(4), READWRITE.guard());
            stack.write(kb(1020), 9);
            stack.write(kb(1016), 9);
        }
    }

    static Tutorial tutorial() {
        return new Tutorial();
    }

    /**
     * Eight frames under FIFO and a 16-page working region touched twice over: pages are evicted to the page file
     * and come back by hard faults, so every paging mark has something to show.
     */
    static final class Finite {
        final AddressSpace space = machine().frames(8).pageFile(bytes(64 * 4096L)).commitLimit(bytes(1024 * 4096L))
                .policy(FIFO).tlb(0).space();
        final SpaceView vm = space.view();
        final FrameView memory = space.computer().view();
        final long base;

        Finite() {
            base = space.allocate(bytes(16 * 4096L)).base();
            for (int round = 0; round < 2; round++) {
                for (int page = 0; page < 12; page++) {
                    if (page % 3 == 0) {
                        space.read(base + page * 4096L, 1);
                    } else {
                        space.write(base + page * 4096L, page, 1);
                    }
                }
            }
        }
    }

    static Finite finite() {
        return new Finite();
    }
}
