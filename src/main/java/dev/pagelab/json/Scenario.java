package dev.pagelab.json;

import dev.pagelab.AddressSpace;
import dev.pagelab.Machine;

import java.io.PrintStream;
import java.util.List;

/**
 * A scenario read from a file ({@code "format": "pagelab.scenario"}): a machine and a list of operations on one
 * address space — reserve, commit, protect, decommit, release, read, write, execute, touch, query, and the raw
 * VirtualAlloc, VirtualFree, VirtualProtect and VirtualQuery — each with an optional expectation. Everything was
 * checked when it was read; {@link #run} makes the calls, prints each with its outcome and returns the space.
 *
 * <p>{@code readScenario(Path.of("scenarios/virtualalloc.json")).run(System.out)}
 */
public final class Scenario {
    private final String source;
    private final String title;
    private final Machine machine;
    private final List<Step> steps;

    Scenario(String source, String title, Machine machine, List<Step> steps) {
        this.source = source;
        this.title = title;
        this.machine = machine;
        this.steps = List.copyOf(steps);
    }

    /** The title, empty when the file gives none. */
    public String title() {
        return title;
    }

    /** The machine the scenario runs on. */
    public Machine machine() {
        return machine;
    }

    /** How many operations. */
    public int size() {
        return steps.size();
    }

    /** Runs the operations on a fresh space of a fresh machine, printing each step and its outcome to {@code out}. */
    public Result run(PrintStream out) {
        return ScenarioRunner.run(this, out);
    }

    String source() {
        return source;
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * What a run left: the space (its journal holds every call), and the expectations met and missed, each missed
     * one described with its step.
     */
    public record Result(AddressSpace space, int steps, int expectationsMet, List<String> expectationsMissed) {
        public Result {
            expectationsMissed = List.copyOf(expectationsMissed);
        }

        /** Whether every expectation was met. */
        public boolean passed() {
            return expectationsMissed.isEmpty();
        }
    }

    @Override
    public String toString() {
        return "scenario" + (title.isEmpty() ? "" : " \"" + title + "\"") + ": " + steps.size()
                + (steps.size() == 1 ? " operation" : " operations");
    }
}
