package dev.pagelab.json;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.Machine;
import dev.pagelab.PageLab;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.policy.Policy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * Over thousands of generated machines and call sequences (one or two spaces, finite or unlimited memory, shared
 * frames or frames per space, every policy but OPT, valid and invalid calls): a snapshot written as JSON reads back equal and prints the same bytes,
 * and replaying the journal on a fresh machine gives an equal snapshot and the same journal.
 */
class JsonProperties {

    /** One call: op selects it, the rest are raw arguments aimed near the space's reservations. */
    record Call(int space, int op, long address, long size, int protect, long value, int width) {}

    /** A machine: frames (0 for unlimited), a policy, a page size, a TLB, and whether each space has frames of its own. */
    record Spec(int frames, Policy policy, int pageSize, int tlb, int spaces, boolean local) {
        Machine machine() {
            Machine m = PageLab.machine().pageSize(PageLab.bytes(pageSize)).tlb(tlb).policy(policy)
                    .commitLimit(PageLab.bytes(256L * pageSize));
            if (frames == 0) {
                return m;
            }
            m = m.frames(frames);
            return local && frames >= spaces ? m.framesPerSpace(frames / spaces) : m;
        }
    }

    @Property(tries = 1000)
    void snapshot_toJsonAndBack_isTheIdentity(@ForAll("specs") Spec spec, @ForAll("calls") @Size(max = 30) List<Call> calls) {
        List<AddressSpace> spaces = run(spec, calls);
        Snapshot snap = snapshot(spaces);
        String json = toJson(snap);
        Snapshot back = readSnapshot(json);
        assertThat(back).isEqualTo(snap);
        assertThat(toJson(back)).isEqualTo(json);
    }

    @Property(tries = 1000)
    void journal_replaysToTheSameState(@ForAll("specs") Spec spec, @ForAll("calls") @Size(max = 30) List<Call> calls) {
        List<AddressSpace> spaces = run(spec, calls);
        String json = toJson(journal(spaces));
        List<AddressSpace> again = replay(readJournal(json));
        assertThat(snapshot(again)).isEqualTo(snapshot(spaces));
        assertThat(toJson(journal(again))).isEqualTo(json);
    }

    private static List<AddressSpace> run(Spec spec, List<Call> calls) {
        Computer computer = spec.machine().boot();
        List<AddressSpace> spaces = new ArrayList<>();
        for (int i = 0; i < spec.spaces(); i++) {
            spaces.add(computer.space());
        }
        List<List<Long>> bases = new ArrayList<>();
        for (int i = 0; i < spec.spaces(); i++) {
            bases.add(new ArrayList<>());
        }
        for (Call c : calls) {
            int s = c.space() % spec.spaces();
            VirtualMemory vm = SpaceAccess.engine(spaces.get(s));
            List<Long> known = bases.get(s);
            long address = known.isEmpty() || c.address() < 0 ? Math.abs(c.address())
                    : known.get((int) (c.address() % known.size())) + (c.address() >>> 8) % (16L * spec.pageSize());
            long size = c.size();
            switch (c.op()) {
                case 0 -> {
                    if (vm.allocate(c.address() % 2 == 0 ? 0 : address, size, MEM_RESERVE | (c.width() > 4 ? MEM_COMMIT : 0),
                            c.protect()) == 0) {
                        known.add(vm.result());
                    }
                }
                case 1 -> vm.allocate(address, size, MEM_COMMIT, c.protect());
                case 2 -> vm.free(address, c.width() == 8 ? 0 : size, c.width() == 8 ? MEM_RELEASE : MEM_DECOMMIT);
                case 3 -> vm.protect(address, size, c.protect());
                case 4 -> vm.read(address, c.width());
                case 5, 6 -> vm.write(address, c.width(), c.value());
                case 7 -> vm.execute(address);
                default -> vm.reference(address, c.value() % 3 == 0 ? ACCESS_WRITE : ACCESS_READ);
            }
        }
        return spaces;
    }

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<Integer> frames = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 6));
        Arbitrary<Policy> policy = Arbitraries.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.NRU, Policy.random(7),
                Policy.nru(3, 2), Policy.ARC);
        Arbitrary<Integer> pageSize = Arbitraries.of(256, 4096);
        Arbitrary<Integer> tlb = Arbitraries.of(0, 1, 4, 64);
        Arbitrary<Integer> spaces = Arbitraries.integers().between(1, 2);
        Arbitrary<Boolean> local = Arbitraries.of(false, true);
        return Combinators.combine(frames, policy, pageSize, tlb, spaces, local).as(Spec::new);
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Integer> space = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 9);
        Arbitrary<Long> address = Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 20),
                Arbitraries.longs().between(-(1L << 22), 1L << 22), Arbitraries.just(0x7FFF_FFFF_0000L - 2));
        Arbitrary<Long> size = Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 15), Arbitraries.just(1L << 40));
        Arbitrary<Integer> protect = Arbitraries.of(PAGE_READWRITE, PAGE_READWRITE, PAGE_READONLY, PAGE_NOACCESS,
                PAGE_EXECUTE_READ, PAGE_READWRITE | PAGE_GUARD, PAGE_EXECUTE_READWRITE, 0, PAGE_WRITECOPY);
        Arbitrary<Long> value = Arbitraries.longs();
        Arbitrary<Integer> width = Arbitraries.of(1, 2, 4, 8);
        return Combinators.combine(space, op, address, size, protect, value, width).as(Call::new).list();
    }
}
