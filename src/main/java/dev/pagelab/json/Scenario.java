package dev.pagelab.json;

import dev.pagelab.Machine;

import java.util.List;

/**
 * A scenario read from a file ({@code "format": "pagelab.scenario"}): a machine and a list of operations on one
 * address space — reserve, commit, protect, decommit, release, read, write, execute, touch, query, and the raw
 * VirtualAlloc, VirtualFree, VirtualProtect and VirtualQuery — each with an optional expectation. Everything was
 * checked when it was read; {@code dev.pagelab.scenario.ScenarioRunner} makes the calls.
 *
 * <p>{@code ScenarioRunner.run(readScenario(Path.of("scenarios/virtualalloc.json")), System.out)}
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

    /** Where the scenario was read from, as its reader named it (a path, or {@code <string>}). */
    public String source() {
        return source;
    }

    /** The operations, in file order. */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "scenario" + (title.isEmpty() ? "" : " \"" + title + "\"") + ": " + steps.size()
                + (steps.size() == 1 ? " operation" : " operations");
    }
}
