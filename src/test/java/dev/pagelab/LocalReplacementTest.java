package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.json.PageLabJson;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/** Frames per space: fixed allocation with local replacement, against the default global replacement. */
class LocalReplacementTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void aSpaceWithFramesOfItsOwn_evictsOnlyItsOwnPages() {
        var c = machine().frames(4).policy(LRU).framesPerSpace(2).boot();
        var a = checked.add(c.space()).allocate(kb(16));
        var b = checked.add(c.space()).allocate(kb(16));
        touchPages(a, 0, 1);
        touchPages(b, 0, 1, 2);      // b is at its 2 frames: evicts its own least recently used page, not one of a's
        assertThat(a.space().residentPages()).isEqualTo(2);
        assertThat(b.space().residentPages()).isEqualTo(2);
        assertThat(SpaceAccess.engine(a.space()).evictions()).isZero();
        assertThat(SpaceAccess.engine(b.space()).evictions()).isEqualTo(1);
        assertThat(b.touch(0).pageFault()).isEqualTo(Access.PageFault.HARD);
        assertThat(c.framesInUse()).isEqualTo(4);
    }

    @Test
    void globalReplacement_letsOneSpaceTakeAnothersFrames() {
        var c = machine().frames(4).policy(LRU).boot();
        var a = checked.add(c.space()).allocate(kb(16));
        var b = checked.add(c.space()).allocate(kb(16));
        touchPages(a, 0, 1);
        touchPages(b, 0, 1, 2);      // global LRU: a's page 0 is the least recently used of all
        assertThat(a.space().residentPages()).isEqualTo(1);
        assertThat(b.space().residentPages()).isEqualTo(3);
    }

    private static void touchPages(Region r, int... pages) {
        for (int p : pages) {
            r.touch(kb(4).bytes() * p);
        }
    }

    @Test
    void aComputerHasRoomFor_framesOverFramesPerSpace_spaces() {
        var m = machine().frames(5).policy(FIFO).framesPerSpace(2);
        var c = m.boot();
        c.space();
        c.space();
        assertThatThrownBy(c::space).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("each space 2 of its 5 frames").hasMessageContaining("room for 2 spaces");
        // The machine is a value: each of its space() calls boots a fresh computer, so a re-run cell never fills up.
        for (int i = 0; i < 3; i++) {
            assertThat(m.space().computer().framesInUse()).isZero();
        }
    }

    @Test
    void badCounts_areRefusedWithTheReason() {
        assertThatThrownBy(() -> machine().framesPerSpace(2)).hasMessageContaining("finite memory");
        assertThatThrownBy(() -> machine().frames(4).framesPerSpace(5)).hasMessageContaining("between 1 and the machine's 4 frames, not 5");
        assertThatThrownBy(() -> machine().frames(4).framesPerSpace(0)).hasMessageContaining("not 0");
        // A later setting that conflicts with an earlier one fails at once, naming the earlier one.
        assertThatThrownBy(() -> machine().frames(8).framesPerSpace(4).frames(2))
                .hasMessageContaining("frames 2: fewer than the framesPerSpace(4) set earlier");
        assertThatThrownBy(() -> machine().frames(8).framesPerSpace(4).unlimitedMemory())
                .hasMessageContaining("the framesPerSpace(4) set earlier needs a finite memory");
        assertThat(machine().frames(8).framesPerSpace(4).frames(4).framesPerSpace()).isEqualTo(4);
        assertThat(machine().frames(8).framesPerSpace(4).globalReplacement().framesPerSpace()).isZero();
        assertThat(machine().frames(8).framesPerSpace(4)).hasToString(
                "machine: 4 KiB pages, 8 frames (32 KiB, CLOCK, 4 per space, local replacement), page file 16 GiB, "
                        + "commit limit 16 GiB + 32 KiB, 64-entry TLB");
    }

    @Test
    void machineSettings_keepFramesPerSpaceThroughJson() {
        Machine m = machine().frames(12).policy(LRU).framesPerSpace(3);
        assertThat(m.settings().framesPerSpace()).isEqualTo(3);
        Machine read = PageLabJson.readSnapshot(PageLabJson.toJson(PageLabJson.snapshot(m.space()))).machine();
        assertThat(read).isEqualTo(m);
        assertThat(read.framesPerSpace()).isEqualTo(3);
        assertThat(Machine.of(machine().frames(12).settings()).framesPerSpace()).isZero();
    }

    @Property(tries = 150)
    void aProgramWithFramesOfItsOwn_faultsAsAReplayOnThatManyFrames(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 30) Long> pages,
            @ForAll @IntRange(min = 1, max = 8) int own,
            @ForAll @IntRange(min = 0, max = 8) int more,
            @ForAll("policies") Policy policy) {
        PageTrace trace = PageTrace.of(pages.stream().mapToLong(Long::longValue).toArray());
        Machine local = machine().frames(own + more).policy(policy).framesPerSpace(own);
        long expected = machine().frames(own).policy(policy).replay(trace).faults();
        assertThat(local.run(trace).faults()).isEqualTo(expected);
        assertThat(local.replay(trace).faults()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Policy> policies() {
        return Arbitraries.of(Policy.values());
    }
}
