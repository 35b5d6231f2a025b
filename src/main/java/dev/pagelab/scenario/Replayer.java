package dev.pagelab.scenario;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.Machine;
import dev.pagelab.engine.Redo;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.json.JournalDocument;
import dev.pagelab.json.Limits;
import dev.pagelab.json.PageLabJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a state from a journal: a fresh computer booted from the journal's settings, as many fresh spaces on
 * it, and every call of the journal made again in order ({@link Redo}: VirtualAlloc, VirtualFree, VirtualProtect and
 * each access, the ones that faulted included). Faults and evictions are not made: they follow. Each call
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
        String differs = Redo.call(vm, entry.event());
        if (differs != null) {
            throw new IllegalStateException("event " + i + " (" + entry + "): the replay gives " + differs
                    + "; the journal does not replay to the same state");
        }
    }
}
