package dev.pagelab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What both allocators remember: the programs in order of their first request, each step, the last request. */
final class StepLog {
    /** The largest memory an allocator models: its pictures draw one cell per unit. */
    static final int MAX_UNITS = 1024;

    private final List<String> programs = new ArrayList<>();
    private final List<Allocator.Step> steps = new ArrayList<>();
    private Placement last;

    StepLog(int units) {
        steps.add(new Allocator.Step(0, "start", units, units, 0, false));
    }

    static int checkUnits(int units, String unit) {
        if (units < 1 || units > MAX_UNITS) {
            throw new IllegalArgumentException("a memory of " + units + " " + unit + "s: give 1 to " + MAX_UNITS);
        }
        return units;
    }

    static String checkName(String program) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("a program needs a name, such as \"A\", not " + (program == null ? "null" : "\"" + program + "\""));
        }
        return program;
    }

    void request(Placement p, int free, int largest) {
        if (!programs.contains(p.program())) {
            programs.add(p.program());
        }
        last = p;
        steps.add(new Allocator.Step(steps.size(), p.program() + " " + p.size(), free, largest, p.size(), !p.placed()));
    }

    void freed(String program, int free, int largest) {
        steps.add(new Allocator.Step(steps.size(), "free " + program, free, largest, 0, false));
    }

    List<String> programs() {
        return List.copyOf(programs);
    }

    List<Allocator.Step> steps() {
        return List.copyOf(steps);
    }

    Placement last() {
        return last;
    }

    /** One character per unit, '.' for a free one: {@code AAA..CCCC..E}. */
    static String strip(Allocator a) {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < a.units(); u++) {
            String owner = a.owner(u);
            sb.append(owner == null ? '.' : owner.charAt(0));
        }
        return sb.toString();
    }

    /** The few lines both allocators print. */
    static String text(Allocator a, String head) {
        StringBuilder sb = new StringBuilder(head);
        String strip = strip(a);
        for (int from = 0; from < strip.length(); from += 64) {
            int to = Math.min(strip.length(), from + 64);
            sb.append(String.format(Locale.ROOT, "\n  %-6s %4d %s %d", from == 0 ? a.unit() + "s" : "", from, strip.substring(from, to), to - 1));
        }
        if (a.lastRequest() != null) {
            sb.append("\n  last request: ").append(a.lastRequest());
        }
        return sb.toString();
    }

    static String unitCount(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
