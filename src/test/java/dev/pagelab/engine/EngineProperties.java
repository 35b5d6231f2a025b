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

import java.util.List;

/**
 * Random operation sequences — valid and invalid arguments, every operation — on a small space, checking after
 * every step that the invariants hold and that a failed call left the state byte-for-byte unchanged.
 */
class EngineProperties {

    /** One call: op selects the operation, the rest are its raw arguments. */
    record Op(int op, long address, long size, int type, int protect, long value, int width) {}

    private static final long USER_TOP = 1L << 24;
    private static final Layout SMALL = Layout.WINDOWS_X64.userRange(0x10000, USER_TOP);

    @Property(tries = 10_000)
    void randomOperationSequences_keepInvariantsAndFailedCallsChangeNothing(@ForAll("ops") @Size(min = 1, max = 24) List<Op> ops) {
        VirtualMemory vm = new VirtualMemory(SMALL, new PhysicalMemory(4096, PhysicalMemory.UNLIMITED, 0, 48, null), 16);
        long[] bases = new long[8];
        int known = 0;
        for (Op op : ops) {
            long address = op.address();
            if (known > 0 && (address & 3) == 0) {
                // Aim at an existing allocation half of the time, at an offset that may cross pages and ends.
                address = bases[(int) ((address >>> 2) % known)] + ((address >>> 8) & 0x1FFFF);
            }
            EngineSnapshot before = EngineSnapshot.of(vm);
            int error;
            switch (op.op()) {
                case 0 -> {
                    error = vm.allocate(op.address() % 3 == 0 ? 0 : address, op.size(), op.type(), op.protect());
                    if (error == 0 && (op.type() & MEM_RESERVE) != 0 && known < bases.length) {
                        bases[known++] = vm.result();
                    }
                }
                case 1 -> error = vm.free(address, op.size(), op.type() % 2 == 0 ? MEM_DECOMMIT : (op.type() % 3 == 0 ? MEM_RELEASE : op.type()));
                case 2 -> error = vm.protect(address, op.size(), op.protect());
                case 3 -> error = vm.query(address) == null ? vm.lastError() : 0;
                case 4 -> {
                    vm.read(address, op.width());
                    error = 0;
                }
                case 5 -> {
                    vm.write(address, op.width(), op.value());
                    error = 0;
                }
                case 6 -> {
                    vm.execute(address);
                    error = 0;
                }
                default -> {
                    vm.touch(address, op.value() % 2 == 0 ? ACCESS_READ : ACCESS_WRITE);
                    error = 0;
                }
            }
            if (error != 0) {
                String message = vm.lastMessage();
                assertThat(message).as("message of failed %s", op).isNotEmpty();
                assertThat(EngineSnapshot.of(vm)).as("state after failed %s (%s)", op, message).isEqualTo(before);
            }
            Invariants.check(vm);
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 7);
        Arbitrary<Long> address = Arbitraries.oneOf(
                Arbitraries.longs().between(0, USER_TOP + 0x20000),
                Arbitraries.of(0L, 0x10000L, 0x10FFFL, 0x20000L, USER_TOP - 0x10000, USER_TOP, -1L, Long.MIN_VALUE));
        Arbitrary<Long> size = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 0x30000),
                Arbitraries.of(0L, 1L, 2L, 0x1000L, 0x10000L, -1L, 0x7FFF_FFFF_FFFFL));
        Arbitrary<Integer> type = Arbitraries.oneOf(
                Arbitraries.of(MEM_COMMIT, MEM_RESERVE, MEM_COMMIT | MEM_RESERVE, MEM_RESERVE | MEM_TOP_DOWN, MEM_RESET,
                        MEM_RESET_UNDO, MEM_DECOMMIT, MEM_RELEASE, 0, MEM_WRITE_WATCH, MEM_COMMIT | MEM_RESET,
                        MEM_LARGE_PAGES | MEM_RESERVE | MEM_COMMIT, AT_ROUND_TO_PAGE | MEM_COMMIT),
                Arbitraries.integers());
        Arbitrary<Integer> protect = Arbitraries.oneOf(
                Arbitraries.of(PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE, PAGE_EXECUTE_READ,
                        PAGE_EXECUTE_READWRITE, PAGE_READWRITE | PAGE_GUARD, PAGE_READONLY | PAGE_GUARD,
                        PAGE_READWRITE | PAGE_NOCACHE, PAGE_NOACCESS | PAGE_GUARD, PAGE_WRITECOPY, 0, 0x06),
                Arbitraries.integers().between(0, 0x800));
        Arbitrary<Long> value = Arbitraries.longs();
        Arbitrary<Integer> width = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Op> one = Combinators.combine(op, address, size, type, protect, value, width).as(Op::new);
        return one.list();
    }
}
