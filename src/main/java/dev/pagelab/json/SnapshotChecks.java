package dev.pagelab.json;

import dev.pagelab.Machine;
import dev.pagelab.engine.Layout;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot's consistency, checked as it is read and before anything is built from it: frames belong to spaces
 * that exist and lie below {@code framesTouched}; reservations lie in the user range at the granularity; every page
 * run lies inside a reservation of its space, its contents inside its page; and each reservation's
 * {@code committedPages} counts the pages listed in it. Each refusal names the JSON path it is about.
 */
final class SnapshotChecks {
    private SnapshotChecks() {}

    /**
     * Cross-checks, and the spaces built: spaces and frames agree, reservations lie in the user range, pages lie
     * inside a reservation of their space and their contents inside their page size.
     */
    static List<Snapshot.Space> check(In in, Machine machine, Snapshot.Memory memory,
                                              List<SnapshotCodec.RawSpace> spaces) {
        int pageSize = machine.layout().pageSize();
        for (int i = 0; i < memory.frames().size(); i++) {
            Snapshot.Frame f = memory.frames().get(i);
            if (f.space() >= spaces.size()) {
                throw in.failAt(Paths.index("$.memory.frames", i) + ".space", "space " + f.space() + " does not exist; the "
                        + "snapshot has " + spaces.size());
            }
            if (f.frame() >= memory.framesTouched()) {
                throw in.failAt(Paths.index("$.memory.frames", i) + ".frame", "frame " + f.frame()
                        + " is not below framesTouched " + memory.framesTouched());
            }
        }
        List<Snapshot.Space> built = new ArrayList<>();
        for (int s = 0; s < spaces.size(); s++) {
            String space = Paths.index("$.spaces", s);
            List<Snapshot.Reservation> reservations = spaces.get(s).reservations();
            checkReservations(in, machine.layout(), space, reservations);
            List<SnapshotCodec.RawPage> pages = spaces.get(s).pages();
            List<Snapshot.PageRun> runs = new ArrayList<>(pages.size());
            long[] committed = new long[reservations.size()];
            int r = 0;
            for (int i = 0; i < pages.size(); i++) {
                SnapshotCodec.RawPage p = pages.get(i);
                String at = Paths.index(space + ".pages", i);
                if ((p.address() & (pageSize - 1)) != 0) {
                    throw in.failAt(at + ".address", Out.hex(p.address()) + " is not at a page boundary ("
                            + pageSize + "-byte pages)");
                }
                while (r < reservations.size() && Long.compareUnsigned(end(reservations.get(r)), p.address()) <= 0) {
                    r++;
                }
                if (r == reservations.size() || Long.compareUnsigned(p.address(), reservations.get(r).base()) < 0) {
                    throw in.failAt(at + ".address", "page " + Out.hex(p.address()) + " lies in no reservation of "
                            + "the space");
                }
                Snapshot.Reservation home = reservations.get(r);
                long room = (end(home) - p.address()) / pageSize;
                if (p.count() > room) {
                    throw in.failAt(at + ".count", p.count() + " pages from " + Out.hex(p.address()) + " run past "
                            + "the reservation [" + Out.hex(home.base()) + ", " + Out.hex(end(home)) + "), which has "
                            + "room for " + room);
                }
                if (p.frame() >= memory.framesTouched()) {
                    throw in.failAt(at + ".frame", "frame " + p.frame() + " is not below framesTouched "
                            + memory.framesTouched());
                }
                committed[r] += p.count();
                if (p.end() > pageSize) {
                    throw in.failAt(at + ".contents", "the contents run to byte " + p.end() + ", past the "
                            + pageSize + "-byte page");
                }
                runs.add(p.build());
            }
            for (int i = 0; i < reservations.size(); i++) {
                if (reservations.get(i).committedPages() != committed[i]) {
                    throw in.failAt(Paths.index(space + ".reservations", i) + ".committedPages", "committedPages "
                            + reservations.get(i).committedPages() + ", but the pages listed in the reservation "
                            + "count " + committed[i]);
                }
            }
            built.add(new Snapshot.Space(spaces.get(s).counters(), reservations, runs));
        }
        return built;
    }

    /** Reservations lie in the layout's user range, at its granularity, in whole pages. */
    private static void checkReservations(In in, Layout layout, String space, List<Snapshot.Reservation> list) {
        for (int i = 0; i < list.size(); i++) {
            Snapshot.Reservation r = list.get(i);
            String at = Paths.index(space + ".reservations", i);
            if (Long.compareUnsigned(r.base(), layout.minAddress()) < 0
                    || Long.compareUnsigned(r.base(), layout.maxAddress()) >= 0
                    || r.size() > layout.maxAddress() - r.base()) {
                throw in.failAt(at + ".size", "the reservation of " + r.size() + " bytes at " + Out.hex(r.base())
                        + " runs out of the user range [" + Out.hex(layout.minAddress()) + ", "
                        + Out.hex(layout.maxAddress()) + ")");
            }
            if (r.base() % layout.granularity() != 0 || r.size() % layout.pageSize() != 0) {
                throw in.failAt(at + ".base", "a reservation starts at the allocation granularity ("
                        + layout.granularity() + " bytes) and holds whole pages; " + Out.hex(r.base()) + " and "
                        + r.size() + " bytes do not");
            }
        }
    }

    private static long end(Snapshot.Reservation r) {
        return r.base() + r.size();
    }
}
