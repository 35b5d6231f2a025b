package dev.pagelab.replay;

import java.util.List;

/**
 * Several step-by-step replays of one reference string put together, to compare policies (or frame counts) the
 * way a textbook does: a line of totals, then each frame table in turn.
 *
 * <p>{@code var t = trace(7, 0, 1, 2, 0, 3); compare(machine().frames(3).policy(FIFO).steps(t),
 * machine().frames(3).policy(LRU).steps(t))}
 */
public final class StepsComparison {
    private final List<ReplaySteps> replays;

    private StepsComparison(List<ReplaySteps> replays) {
        this.replays = replays;
    }

    /** The replays, compared in the order given; they must have stepped through the same references. */
    public static StepsComparison of(ReplaySteps... replays) {
        if (replays == null || replays.length == 0) {
            throw new IllegalArgumentException("compare needs at least one step-by-step replay");
        }
        for (int i = 0; i < replays.length; i++) {
            if (replays[i] == null) {
                throw new IllegalArgumentException("compare: replay " + (i + 1) + " of " + replays.length + " is null");
            }
            if (!sameReferences(replays[0], replays[i])) {
                throw new IllegalArgumentException("compare: replay " + (i + 1) + " (" + replays[i].policy() + ", "
                        + replays[i].trace() + ") stepped through other references than replay 1 ("
                        + replays[0].policy() + ", " + replays[0].trace() + ")");
            }
        }
        return new StepsComparison(List.of(replays));
    }

    private static boolean sameReferences(ReplaySteps a, ReplaySteps b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.step(i).page() != b.step(i).page()) {
                return false;
            }
        }
        return true;
    }

    /** The replays, in the order given. */
    public List<ReplaySteps> replays() {
        return replays;
    }

    /** The totals on one line, e.g. {@code 20 references: FIFO, 3 frames 15 faults · LRU, 3 frames 12 faults}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(replays.get(0).size()).append(replays.get(0).size() == 1 ? " reference: " : " references: ");
        for (int i = 0; i < replays.size(); i++) {
            ReplaySteps r = replays.get(i);
            sb.append(i == 0 ? "" : " · ").append(r.policy()).append(", ").append(r.frames())
                    .append(r.frames() == 1 ? " frame " : " frames ").append(r.faults())
                    .append(r.faults() == 1 ? " fault" : " faults");
        }
        return sb.toString();
    }

    /** The totals, then each frame table. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        for (ReplaySteps r : replays) {
            sb.append('\n').append(r);
        }
        return sb.toString();
    }
}
