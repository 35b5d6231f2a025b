package dev.pagelab.scenario;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.json.Names;
import dev.pagelab.json.Scenario;
import dev.pagelab.json.Step;
import dev.pagelab.json.Step.Address;
import dev.pagelab.json.Step.Expect;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Scenario}: each step goes to the engine, and its outcome is printed and checked.
 *
 * <p>{@code ScenarioRunner.run(readScenario(Path.of("scenarios/virtualalloc.json")), System.out)}
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /**
     * What a run left: the space (its journal holds every call), and the expectations met and missed, each missed
     * one described with its step.
     *
     * @param space              the space the operations ran on
     * @param steps              how many operations ran
     * @param expectationsMet    how many expectations were met
     * @param expectationsMissed each missed expectation, naming its step
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

    /** What one step gave. */
    private record Outcome(String text, String outcome, int error, long value, long base, int old,
                           MemoryRegion region, String fault) {}

    /** Runs the operations on a fresh space of a fresh machine, printing each step and its outcome to {@code out}. */
    public static Result run(Scenario scenario, PrintStream out) {
        AddressSpace space = scenario.machine().space();
        VirtualMemory vm = SpaceAccess.engine(space);
        Map<String, Long> names = new HashMap<>();
        int met = 0;
        List<String> missed = new ArrayList<>();
        out.println("scenario " + scenario.source() + (scenario.title().isEmpty() ? "" : ": " + scenario.title()));
        out.println(space.machine());
        for (Step step : scenario.steps()) {
            Outcome o = execute(step, vm, names);
            if (step.name() != null) {
                names.put(step.name(), o.base());
            }
            String line = String.format("%3d. %s", step.number(), o.text());
            if (step.expect() != null) {
                String miss = check(step.expect(), o, names);
                if (miss == null) {
                    met++;
                    line += "   [as expected]";
                } else {
                    missed.add("step " + step.number() + " (" + step.path() + "): " + miss);
                    line += "   [EXPECTED " + miss + "]";
                }
            }
            out.println(line);
        }
        out.println(scenario.steps().size() + " steps; " + space.faults().total() + " faults, " + vm.evictions()
                + " evictions; " + (met + missed.size()) + " expectations: " + met + " met, " + missed.size() + " missed");
        return new Result(space, scenario.steps().size(), met, missed);
    }

    private static long resolve(Address a, Map<String, Long> names) {
        return a == null ? 0 : (a.name() == null ? 0 : names.getOrDefault(a.name(), 0L)) + a.base();
    }

    private static Outcome execute(Step s, VirtualMemory vm, Map<String, Long> names) {
        long at = resolve(s.address(), names);
        String where = s.address() == null ? "anywhere" : Hex.address(at);
        return switch (s.op()) {
            case RESERVE, ALLOCATE, COMMIT, VIRTUAL_ALLOC -> {
                int type = s.op() == Step.Op.COMMIT ? MEM_COMMIT : s.type();
                int error = vm.allocate(at, s.size(), type, s.protect());
                long base = error == 0 ? vm.result() : 0;
                String call = s.op().text() + " " + sizeText(s.size()) + " at " + where + " " + typeText(type, s)
                        + Flags.protectionName(s.protect());
                yield api(call, vm, error, error == 0 ? Hex.address(base) + name(s) : null, base, 0);
            }
            case PROTECT, VIRTUAL_PROTECT -> {
                int error = vm.protect(at, s.size(), s.protect());
                int old = error == 0 ? (int) vm.result() : 0;
                yield api(s.op().text() + " " + sizeText(s.size()) + " at " + where + " to " + Flags.protectionName(s.protect()),
                        vm, error, error == 0 ? "ok, was " + Flags.protectionName(old) : null, 0, old);
            }
            case DECOMMIT -> api("decommit " + sizeText(s.size()) + " at " + where, vm,
                    vm.free(at, s.size(), MEM_DECOMMIT), "ok", 0, 0);
            case RELEASE -> api("release " + where, vm, vm.free(at, 0, MEM_RELEASE), "ok", 0, 0);
            case VIRTUAL_FREE -> api("VirtualFree " + sizeText(s.size()) + " at " + where + " " + Names.type(s.type()), vm,
                    vm.free(at, s.size(), s.type()), "ok", 0, 0);
            case QUERY, VIRTUAL_QUERY -> {
                MemoryRegion r = vm.query(at);
                String call = s.op().text() + " " + where;
                yield r == null ? api(call, vm, vm.lastError(), null, 0, 0)
                        : new Outcome(call + " -> " + r, "ok", 0, 0, 0, 0, r, "none");
            }
            case READ, WRITE, EXECUTE, TOUCH -> access(s, vm, at, where);
        };
    }

    private static String name(Step s) {
        return s.name() == null ? "" : " (" + s.name() + ")";
    }

    private static String typeText(int type, Step s) {
        return s.op() == Step.Op.VIRTUAL_ALLOC || (type & MEM_TOP_DOWN) != 0 ? Names.type(type) + " " : "";
    }

    private static String sizeText(long size) {
        return size >= 0 ? Hex.size(size) : Long.toUnsignedString(size) + " bytes";
    }

    private static Outcome api(String call, VirtualMemory vm, int error, String ok, long base, int old) {
        if (error == 0) {
            return new Outcome(call + " -> " + ok, "ok", 0, 0, base, old, null, "none");
        }
        String message = vm.lastMessage();
        String suffix = " (" + Flags.errorName(error) + " " + error + ")";
        if (message.endsWith(suffix)) {
            message = message.substring(0, message.length() - suffix.length());
        }
        return new Outcome(call + " -> " + Flags.errorName(error) + " " + error + ": " + message,
                Flags.errorName(error), error, 0, 0, 0, null, "none");
    }

    private static Outcome access(Step s, VirtualMemory vm, long at, String where) {
        long demand = vm.demandZeroFaults();
        long hard = vm.hardFaults();
        int status;
        String call;
        switch (s.op()) {
            case READ -> {
                status = vm.read(at, s.width());
                call = "read " + s.width() + (s.width() == 1 ? " byte" : " bytes") + " at " + where;
            }
            case WRITE -> {
                status = vm.write(at, s.width(), s.value());
                call = "write " + s.value() + " (" + s.width() + (s.width() == 1 ? " byte" : " bytes") + ") at " + where;
            }
            case EXECUTE -> {
                status = vm.execute(at);
                call = "execute at " + where;
            }
            default -> {
                status = vm.reference(at, s.access());
                call = "touch (" + Flags.accessName(s.access()) + ") " + where;
            }
        }
        String fault = vm.hardFaults() > hard ? "hard" : vm.demandZeroFaults() > demand ? "demand-zero" : "none";
        String faultText = fault.equals("none") ? "" : " (" + fault + " fault)";
        if (status == 0) {
            long value = s.op() == Step.Op.READ ? vm.value() : 0;
            String shown = s.op() == Step.Op.READ ? value + " (" + "0x" + Long.toHexString(value) + ")" : "ok";
            return new Outcome(call + " -> " + shown + faultText, "ok", 0, value, 0, 0, null, fault);
        }
        String outcome = status == STATUS_GUARD_PAGE_VIOLATION ? "GUARD_PAGE" : "ACCESS_VIOLATION";
        return new Outcome(call + " -> " + Flags.statusName(status) + " (" + Flags.accessName(vm.faultAccess()) + " at "
                + Hex.address(vm.faultAddress()) + ")", outcome, 0, 0, 0, 0, null, fault);
    }

    /** Null when the outcome meets the expectation, else what was expected and what happened. */
    private static String check(Expect e, Outcome o, Map<String, Long> names) {
        List<String> misses = new ArrayList<>();
        if (e.outcome() != null && !e.outcome().equals(o.outcome())) {
            misses.add(e.outcome() + ", got " + o.outcome());
        }
        if (e.error() != null && e.error() != o.error()) {
            misses.add("error " + e.error() + ", got " + o.error());
        }
        if (e.value() != null && e.value() != o.value()) {
            misses.add("value " + e.value() + ", got " + o.value());
        }
        if (e.base() != null && resolve(e.base(), names) != o.base()) {
            misses.add("base " + Hex.address(resolve(e.base(), names)) + ", got " + Hex.address(o.base()));
        }
        if (e.old() != null && e.old() != o.old()) {
            misses.add("old protection " + Flags.protectionName(e.old()) + ", got " + Flags.protectionName(o.old()));
        }
        MemoryRegion r = o.region();
        if (e.state() != null && (r == null || r.state() != e.state())) {
            misses.add("state " + Flags.stateName(e.state()) + ", got " + (r == null ? "no region" : Flags.stateName(r.state())));
        }
        if (e.protect() != null && (r == null || r.protect() != e.protect())) {
            misses.add("protect " + Flags.protectionName(e.protect()) + ", got "
                    + (r == null ? "no region" : Flags.protectionName(r.protect())));
        }
        if (e.regionSize() != null && (r == null || r.regionSize() != e.regionSize())) {
            misses.add("region size " + Hex.size(e.regionSize()) + ", got " + (r == null ? "no region" : Hex.size(r.regionSize())));
        }
        if (e.fault() != null && !e.fault().equals(o.fault())) {
            misses.add("fault " + e.fault() + ", got " + o.fault());
        }
        return misses.isEmpty() ? null : String.join("; ", misses);
    }
}
