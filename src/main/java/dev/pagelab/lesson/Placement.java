package dev.pagelab.lesson;

import java.util.List;

/**
 * What a request for memory got: the units it was placed in, in page order, or the reason it was refused.
 * Refusal is an outcome, not an exception.
 *
 * @param program the program that asked
 * @param size    the units asked for
 * @param unit    what a unit is called: "slot" or "frame"
 * @param where   the units holding the program's pages, first page first; empty when refused
 * @param reason  why the request was refused; empty when it was placed
 */
public record Placement(String program, int size, String unit, List<Integer> where, String reason) {

    public Placement {
        where = List.copyOf(where);
    }

    /** Whether the request was placed. */
    public boolean placed() {
        return reason.isEmpty();
    }

    @Override
    public String toString() {
        String asked = program + " (" + size + " " + unit + (size == 1 ? "" : "s") + ")";
        if (!placed()) {
            return asked + " refused: " + reason;
        }
        if (unit.equals("slot")) {
            return asked + " at " + (size == 1 ? "slot " + where.get(0) : "slots " + where.get(0) + "–" + where.get(size - 1));
        }
        StringBuilder sb = new StringBuilder(asked).append(": page");
        sb.append(size == 1 ? " 0 in frame " : "s 0–" + (size - 1) + " in frames ");
        for (int i = 0; i < where.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(where.get(i));
        }
        return sb.toString();
    }
}
