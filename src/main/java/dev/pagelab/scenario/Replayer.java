package dev.pagelab.scenario;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.Machine;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.json.JournalDocument;
import dev.pagelab.json.Limits;
import dev.pagelab.json.PageLabJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a state from a journal: a fresh computer booted from the journal's settings, as many fresh spaces on
 * it, and every call of the journal made again in order — VirtualAlloc, VirtualFree, VirtualProtect and each access, the ones
 * that faulted included (read from their fault events). Faults and evictions are not made: they follow. Each call
 * must give the recorded outcome, and at the end the new journals must equal the recorded events, or the replay
 * stops with an {@link IllegalStateException} naming the first event that differs.
 *
 * <p>{@code snapshot(replay(readJournal(Path.of("run.journal.json"))).get(0))}
 */
public final class Replayer {
    private Replayer() {}

    /**
     * Makes the journal's calls again on a fresh machine with its settings and returns the fresh spaces, which hold
     * the state the journal's spaces had.
     *
     * @throws IllegalArgumentException if the journal is incomplete, of an OPT machine, or too big to run
     * @throws IllegalStateException    if a call does not give its recorded outcome (naming the event)
     */
    public static List<AddressSpace> replay(JournalDocument journal) {
        return replay(journal, Limits.DEFAULT);
    }

    /** {@link #replay(JournalDocument)} within {@code limits} instead of the default ones. */
    public static List<AddressSpace> replay(JournalDocument doc, Limits limits) {
        if (!doc.complete()) {
            throw new IllegalArgumentException("this journal does not hold every access (reads were not recorded, or "
                    + "trace references went through touch), so replaying it cannot rebuild the same state");
        }
        if (doc.dropped() > 0) {
            throw new IllegalArgumentException("this journal dropped its " + doc.dropped() + " oldest events to stay "
                    + "within its limit, so it cannot be replayed from the start; record with "
                    + "machine().unboundedJournal() (or a larger journalLimit) to replay");
        }
        Machine config = doc.machine();
        if (!config.unlimited() && config.policy().needsFuture()) {
            throw new IllegalArgumentException("OPT reads the future of a trace; a journal of an OPT machine cannot be "
                    + "replayed call by call");
        }
        long writes = doc.events().stream().filter(e -> e.event().kind() == dev.pagelab.engine.JournalKind.WRITE).count();
        String tooBig = limits.tooBig(config, writes);
        if (tooBig != null) {
            throw new IllegalArgumentException(tooBig);
        }
        Computer computer = config.unboundedJournal().boot();
        List<AddressSpace> spaces = new ArrayList<>();
        for (int i = 0; i < doc.spaces(); i++) {
            spaces.add(computer.space());
        }
        List<JournalDocument.Entry> events = doc.events();
        for (int i = 0; i < events.size(); i++) {
            JournalDocument.Entry entry = events.get(i);
            call(i, entry, SpaceAccess.engine(spaces.get(entry.space())));
        }
        List<JournalDocument.Entry> replayed = PageLabJson.journal(spaces).events();
        for (int i = 0; i < Math.max(replayed.size(), events.size()); i++) {
            JournalDocument.Entry want = i < events.size() ? events.get(i) : null;
            JournalDocument.Entry got = i < replayed.size() ? replayed.get(i) : null;
            if (want == null || !want.equals(got)) {
                throw new IllegalStateException("event " + i + ": the journal has " + (want == null ? "nothing" : want)
                        + ", the replay gives " + (got == null ? "nothing" : got));
            }
        }
        return spaces;
    }

    private static void call(int i, JournalDocument.Entry entry, VirtualMemory vm) {
        JournalEvent e = entry.event();
        switch (e.kind()) {
            case ALLOCATE -> {
                int error = vm.allocate(e.address(), e.arg(), e.flags(), e.protect());
                expect(i, entry, error, error == 0 ? vm.result() : 0, e.result(), e.out());
            }
            case FREE -> expect(i, entry, vm.free(e.address(), e.arg(), e.flags()), 0, e.result(), 0);
            case PROTECT -> {
                int error = vm.protect(e.address(), e.arg(), e.flags());
                expect(i, entry, error, error == 0 ? vm.result() : 0, e.result(), e.out());
            }
            case WRITE -> expect(i, entry, vm.write(e.address(), e.flags(), e.arg()), 0, 0, 0);
            case READ -> {
                int status = vm.read(e.address(), e.flags());
                expect(i, entry, status, status == 0 ? vm.value() : 0, 0, e.arg());
            }
            case EXECUTE -> expect(i, entry, vm.execute(e.address()), 0, 0, 0);
            case TOUCH -> expect(i, entry, vm.reference(e.address(), e.flags()), 0, 0, 0);
            case ACCESS_VIOLATION, GUARD_PAGE -> {
                int width = (int) e.out();
                long at = e.arg();
                int status;
                if (width == 0) {
                    status = vm.reference(at, e.flags());
                } else if (e.flags() == ACCESS_WRITE) {
                    status = vm.write(at, width, 0);
                } else if (e.flags() == ACCESS_EXECUTE) {
                    status = vm.execute(at);
                } else {
                    status = vm.read(at, width);
                }
                expect(i, entry, status, 0, e.result(), 0);
            }
            default -> { } // demand-zero and hard faults, evictions: consequences of the calls
        }
    }

    private static void expect(int i, JournalDocument.Entry entry, int result, long out, int wantResult, long wantOut) {
        if (result != wantResult || out != wantOut) {
            throw new IllegalStateException("event " + i + " (" + entry + "): the replay gives result " + result
                    + (out != wantOut ? " and " + hex(out) + " instead of " + hex(wantOut) : "")
                    + "; the journal does not replay to the same state");
        }
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
