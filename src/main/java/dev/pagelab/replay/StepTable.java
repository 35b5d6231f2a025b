package dev.pagelab.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frame table a student draws by hand, as text: the reference string across the top, one row per frame
 * slot with the page it holds after each reference ({@code -} while empty; CLOCK marks a set reference bit with
 * {@code *} and the hand's slot in a row of its own), a row of {@code F} under the faults, the evicted pages, and
 * the totals. Wide tables wrap into blocks of at most {@value #WIDTH} characters.
 */
final class StepTable {
    static final int WIDTH = 100;

    private StepTable() {}

    static String of(ReplaySteps s) {
        StringBuilder sb = new StringBuilder(heading(s)).append('\n');
        int n = s.size();
        if (n == 0) {
            return sb.append("(no references)\n").toString();
        }
        List<String[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        boolean clock = s.step(0).referenceBits() != null;
        labels.add("reference");
        String[] refs = new String[n];
        String[][] slots = new String[s.frames()][n];
        String[] faults = new String[n];
        String[] victims = new String[n];
        String[] hands = clock ? new String[n] : null;
        for (int i = 0; i < n; i++) {
            ReplaySteps.Step step = s.step(i);
            refs[i] = Long.toString(step.page());
            for (int f = 0; f < s.frames(); f++) {
                long page = step.frameSlots()[f];
                slots[f][i] = page < 0 ? "-" : page + (clock && step.referenceBits()[f] ? "*" : "");
            }
            faults[i] = step.fault() ? "F" : "";
            victims[i] = step.victim() < 0 ? "" : Long.toString(step.victim());
            if (clock) {
                hands[i] = Integer.toString(step.hand());
            }
        }
        rows.add(refs);
        for (int f = 0; f < s.frames(); f++) {
            labels.add("frame " + f);
            rows.add(slots[f]);
        }
        labels.add("fault");
        rows.add(faults);
        labels.add("evicted");
        rows.add(victims);
        if (clock) {
            labels.add("hand at");
            rows.add(hands);
        }
        int label = 0;
        for (String l : labels) {
            label = Math.max(label, l.length());
        }
        int cell = 1;
        for (String[] row : rows) {
            for (String c : row) {
                cell = Math.max(cell, c.length());
            }
        }
        int perBlock = Math.max(1, (WIDTH - label) / (cell + 1));
        for (int from = 0; from < n; from += perBlock) {
            int to = Math.min(n, from + perBlock);
            if (n > perBlock) {
                sb.append(from == 0 ? "" : "\n").append("references ").append(from + 1).append('-').append(to).append(":\n");
            }
            for (int r = 0; r < rows.size(); r++) {
                StringBuilder line = new StringBuilder(pad(labels.get(r), label));
                for (int i = from; i < to; i++) {
                    line.append(' ').append(padLeft(rows.get(r)[i], cell));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        if (clock) {
            sb.append("* reference bit set; the hand rests at the slot shown\n");
        }
        return sb.toString();
    }

    static String heading(ReplaySteps s) {
        long faults = s.faults();
        return String.format(Locale.ROOT, "%s, %d %s: %d %s, %d %s, %d %s (%.1f%% faults)", s.policy(), s.frames(),
                s.frames() == 1 ? "frame" : "frames", s.size(), s.size() == 1 ? "reference" : "references", faults,
                faults == 1 ? "fault" : "faults", s.hits(), s.hits() == 1 ? "hit" : "hits",
                s.size() == 0 ? 0.0 : 100.0 * faults / s.size());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
