package dev.pagelab.render;

import static dev.pagelab.PageLab.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Machine;
import dev.pagelab.Region;

/** The states the picture tests draw, built the same way every time. */
final class Scenes {
    private Scenes() {}

    /** The seed tutorial's moves: reserve, commit part, protect, touch, fault; plus a second space on the machine. */
    static final class Tutorial {
        final Machine machine = machine();
        final AddressSpace space = space(machine);
        final AddressSpace other = space(machine);
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
}
