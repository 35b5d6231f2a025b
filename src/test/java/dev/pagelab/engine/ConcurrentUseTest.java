package dev.pagelab.engine;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.MemoryException;
import dev.pagelab.PageLab;
import dev.pagelab.Region;
import dev.pagelab.win32.Win32;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Threads sharing one address space, or the memory of one machine, through the DSL and the Win32 facade: every
 * call holds the machine memory's lock, so the engine's invariants hold afterwards, every value read is the
 * value that thread wrote, and each thread keeps its own GetLastError.
 */
class ConcurrentUseTest {
    private static final int THREADS = 4;

    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    /** Runs {@code body(thread)} on {@link #THREADS} threads that start together; returns what they threw. */
    private static List<Throwable> together(ThreadBody body) throws InterruptedException {
        var thrown = new ConcurrentLinkedQueue<Throwable>();
        var start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    thrown.add(e);
                }
            }, "pagelab-test-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return new ArrayList<>(thrown);
    }

    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    @Test
    void fourThreadsOnOneSpace_leaveItConsistent_andReadWhatTheyWrote() throws InterruptedException {
        AddressSpace s = space();
        List<Throwable> thrown = together(t -> {
            for (int i = 0; i < 400; i++) {
                Region r = s.reserve(kb(64));
                r.commit(0, kb(16));
                long value = t * 1_000_000L + i;
                assertThat(r.write(4096, value, 8).ok()).isTrue();
                r.pages(0, kb(4)).protect(READONLY);
                assertThat(r.write(0, 1).ok()).as("a write to a read-only page").isFalse();
                assertThat(r.read(4096, 8).value()).isEqualTo(value);
                assertThat(s.query(r.base()).allocationBase()).isEqualTo(r.base());
                r.decommit(kb(8), kb(8));
                r.release();
            }
        });
        assertThat(thrown).isEmpty();
        assertThat(s.regions()).isEmpty();
        Invariants.check(SpaceAccess.engine(s));
    }

    @Test
    void threadsOnTheSpacesOfOneFiniteMachine_shareItsFrames_andLoseNoByte() throws InterruptedException {
        var c = machine().frames(8).policy(LRU).boot();
        List<AddressSpace> spaces = List.of(checked.add(c.space()), checked.add(c.space()));
        List<Throwable> thrown = together(t -> {
            AddressSpace s = spaces.get(t % 2);
            Region r = s.allocate(kb(4 * 32));
            for (int round = 0; round < 20; round++) {
                for (int page = 0; page < 32; page++) {
                    r.write(4096L * page, (long) t << 32 | round << 8 | page, 8);
                }
                for (int page = 0; page < 32; page++) {
                    assertThat(r.read(4096L * page, 8).value()).isEqualTo((long) t << 32 | round << 8 | page);
                }
            }
        });
        assertThat(thrown).isEmpty();
        assertThat(c.framesInUse()).isLessThanOrEqualTo(8);
        long committed = 0;
        for (AddressSpace s : spaces) {
            committed += SpaceAccess.engine(s).committedPages();
        }
        assertThat(committed).as("pages committed by two threads in each space").isEqualTo(2 * 2 * 32);
        assertThat(c.committed().bytes() / 4096).as("the computer's commit charge").isEqualTo(committed);
    }

    @Test
    void win32_callsFromThreads_areSafe_andEachThreadKeepsItsLastError() throws InterruptedException {
        Win32.reset();
        List<Throwable> thrown = together(t -> {
            for (int i = 0; i < 300; i++) {
                Win32.SetLastError(0);
                long p = Win32.VirtualAlloc(0, 8192, Win32.MEM_COMMIT | Win32.MEM_RESERVE, Win32.PAGE_READWRITE);
                assertThat(p).isNotZero();
                Win32.write(p + 8, 8, t * 1000L + i);
                assertThat(Win32.read(p + 8, 8)).isEqualTo(t * 1000L + i);
                if (t == 0) {
                    assertThat(Win32.VirtualFree(p + 4096, 0, Win32.MEM_RELEASE)).isFalse();
                    assertThat(Win32.GetLastError()).isEqualTo(Win32.ERROR_INVALID_ADDRESS);
                } else {
                    assertThat(Win32.GetLastError()).as("another thread's error is not this one's").isZero();
                }
                assertThat(Win32.VirtualFree(p, 0, Win32.MEM_RELEASE)).isTrue();
            }
        });
        assertThat(thrown).isEmpty();
        assertThat(Win32.process().regions()).isEmpty();
        Invariants.check(SpaceAccess.engine(Win32.process()));
    }

    @Test
    void aRefusedCall_inOneThread_changesNothingTheOthersSee() throws InterruptedException {
        AddressSpace s = space();
        Region shared = s.reserve(kb(64));
        shared.commit(0, kb(4));
        List<Throwable> thrown = together(t -> {
            for (int i = 0; i < 300; i++) {
                try {
                    shared.commit(kb(60), kb(8)); // runs past the region: refused
                } catch (MemoryException | IllegalArgumentException expected) {
                    // refused, as it should be
                }
                assertThat(shared.write(0, t, 1).ok()).isTrue();
            }
        });
        assertThat(thrown).isEmpty();
        assertThat(s.query(shared.base() + 60 * 1024).state()).isEqualTo(Flags.MEM_RESERVE);
        Invariants.check(SpaceAccess.engine(s));
    }
}
