package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.Access;
import dev.pagelab.Allocator;
import dev.pagelab.Placement;
import dev.pagelab.FaultLog;
import dev.pagelab.Machine;
import dev.pagelab.Pages;
import dev.pagelab.Protection;
import dev.pagelab.Region;
import dev.pagelab.TraceRun;
import dev.pagelab.trace.MissRatioCurve;
import dev.pagelab.trace.ReplayResult;
import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.VirtualMemory;

import java.util.List;

/**
 * The small JSON documents of the display bundles: a summary of the object, addresses as hex strings (as the
 * maps print them), sizes and counts as numbers, each with a {@code type} tag and {@code version}. Long lists are
 * cut at a fixed count and say so with {@code truncated}. The full snapshots with their schemas are the JSON
 * package's; these are for a notebook's eyes and its tools.
 */
final class Snapshots {
    private Snapshots() {}

    static final int MAX_ITEMS = 256;
    static final int MAX_RUNS = 64;

    static String space(VirtualMemory vm) {
        Json j = new Json().object().field("type", "pagelab.space").field("version", 1)
                .field("pageSize", vm.layout().pageSize()).field("granularity", vm.layout().granularity())
                .field("committedBytes", vm.committedPages() * vm.layout().pageSize())
                .field("residentPages", vm.residentPages()).field("largestFreeBlock", vm.largestFreeBlock());
        List<Allocation> all = vm.allocations();
        j.array("regions");
        for (int i = 0; i < all.size() && i < MAX_ITEMS; i++) {
            Allocation a = all.get(i);
            j.object().field("base", Hex.address(a.base())).field("size", a.size())
                    .field("allocationProtect", Protection.shortName(a.protect()))
                    .field("committedPages", a.committedPages());
            runs(j, vm, a.base(), a.end());
            j.end();
        }
        j.endArray().field("truncated", all.size() > MAX_ITEMS);
        return j.end().toString();
    }

    static String region(Region r) {
        Json j = new Json().object().field("type", "pagelab.region").field("version", 1)
                .field("base", Hex.address(r.base())).field("size", r.size().bytes()).field("released", r.released());
        if (!r.released()) {
            j.field("allocationProtect", r.allocationProtection() == null ? "0" : r.allocationProtection().toString())
                    .field("committedPages", r.committedPages()).field("pages", r.pageCount());
            runs(j, r.space().engine(), r.base(), r.end());
        }
        return j.end().toString();
    }

    static String pages(Pages p) {
        Json j = new Json().object().field("type", "pagelab.pages").field("version", 1)
                .field("start", Hex.address(p.start())).field("end", Hex.address(p.end())).field("count", p.count());
        if (!p.region().released()) {
            runs(j, p.region().space().engine(), p.start(), p.end());
        }
        return j.end().toString();
    }

    static String region(MemoryRegion r) {
        return new Json().object().field("type", "pagelab.memory-basic-information").field("version", 1)
                .field("BaseAddress", Hex.address(r.baseAddress())).field("AllocationBase", Hex.address(r.allocationBase()))
                .field("AllocationProtect", Flags.protectionName(r.allocationProtect())).field("RegionSize", r.regionSize())
                .field("State", Flags.stateName(r.state())).field("Protect", Flags.protectionName(r.protect()))
                .field("Type", typeName(r.type())).end().toString();
    }

    static String page(PageInfo p) {
        return new Json().object().field("type", "pagelab.page").field("version", 1)
                .field("address", Hex.address(p.address())).field("state", Flags.stateName(p.state()))
                .field("protect", Flags.protectionName(p.protect())).field("guard", p.guard()).field("resident", p.resident())
                .field("frame", p.frame()).field("accessed", p.accessed()).field("dirty", p.dirty())
                .field("inPageFile", p.inPageFile()).end().toString();
    }

    static String access(Access a) {
        Json j = new Json().object().field("type", "pagelab.access").field("version", 1)
                .field("kind", a.kind().name()).field("address", Hex.address(a.address())).field("width", a.width())
                .field("value", a.value()).field("outcome", a.outcome().name()).field("pageFault", a.pageFault().name());
        if (!a.ok()) {
            j.field("status", String.format("0x%08X", a.outcome().status())).field("faultAddress", Hex.address(a.faultAddress()))
                    .field("reason", a.reason());
        }
        return j.end().toString();
    }

    static String faults(FaultLog log) {
        return new Json().object().field("type", "pagelab.fault-counts").field("version", 1)
                .field("total", log.total()).field("demandZero", log.demandZero()).field("hard", log.hard())
                .field("accessViolations", log.accessViolations()).field("guardPages", log.guardPages())
                .field("evictions", log.evictions()).end().toString();
    }

    static String machine(Machine m, PhysicalMemory memory) {
        Json j = new Json().object().field("type", "pagelab.machine").field("version", 1)
                .field("pageSize", m.pageSize()).field("granularity", m.layout().granularity())
                .field("addressLimit", Hex.address(m.layout().maxAddress())).field("levels", m.layout().levels())
                .field("commitLimit", m.commitLimit().bytes()).field("tlbEntries", m.tlbEntries())
                .field("frames", m.unlimited() ? -1 : m.frames()).field("policy", m.unlimited() ? "none" : m.policy().name())
                .field("pageFile", m.pageFile().bytes());
        if (memory != null) {
            j.field("framesInUse", memory.framesInUse()).field("clock", memory.clock());
        }
        return j.end().toString();
    }

    static String replay(ReplayResult r) {
        Json j = new Json().object().field("type", "pagelab.replay").field("version", 1).field("policy", r.policy())
                .field("frames", r.frames()).field("trace", r.trace()).field("references", r.references())
                .field("faults", r.faults()).field("hits", r.hits()).field("evictions", r.evictions())
                .field("missRatio", r.missRatio()).field("complete", r.complete()).field("bucketWidth", r.bucketWidth());
        j.array("faultsPerBucket");
        for (long f : r.faultsPerBucket()) {
            j.value(f);
        }
        return j.endArray().end().toString();
    }

    static String curve(MissRatioCurve c) {
        Json j = new Json().object().field("type", "pagelab.miss-ratio-curve").field("version", 1)
                .field("policy", c.policy()).field("trace", c.trace()).field("references", c.references())
                .field("pages", c.pages()).field("everySize", c.everySize());
        int[] sizes = c.sizes();
        long[] faults = c.faults();
        int n = Math.min(sizes.length, 4096);
        j.array("sizes");
        for (int i = 0; i < n; i++) {
            j.value(sizes[i]);
        }
        j.endArray().array("faults");
        for (int i = 0; i < n; i++) {
            j.value(faults[i]);
        }
        return j.endArray().field("truncated", n < sizes.length).end().toString();
    }

    static String run(TraceRun run) {
        return new Json().object().field("type", "pagelab.trace-run").field("version", 1)
                .field("policy", run.result().policy()).field("frames", run.result().frames())
                .field("trace", run.result().trace()).field("references", run.references()).field("faults", run.faults())
                .field("hits", run.hits()).field("demandZeroFaults", run.demandZeroFaults()).field("hardFaults", run.hardFaults())
                .field("evictions", run.evictions()).field("accessViolations", run.accessViolations()).end().toString();
    }

    static String allocator(Allocator a) {
        Json j = new Json().object().field("type", "pagelab.allocator").field("version", 1).field("kind", a.kind())
                .field("unit", a.unit()).field("units", a.units()).field("free", a.freeUnits())
                .field("largestFreeBlock", a.largestFreeBlock()).array("placements");
        for (Placement p : a.placements()) {
            j.object().field("program", p.program()).field("size", p.size()).array("where");
            for (int u : p.where()) {
                j.value(u);
            }
            j.endArray().end();
        }
        j.endArray().array("steps");
        for (Allocator.Step s : a.steps()) {
            j.object().field("index", s.index()).field("action", s.action()).field("free", s.freeUnits())
                    .field("largestFreeBlock", s.largestFreeBlock()).field("refused", s.refused()).end();
        }
        return j.endArray().end().toString();
    }

    static String journal(Journal journal, int last) {
        Json j = new Json().object().field("type", "pagelab.journal-tail").field("version", 1).field("size", journal.size());
        int from = Math.max(0, journal.size() - last);
        j.field("from", from).array("events");
        for (int i = from; i < journal.size(); i++) {
            event(j, journal.event(i));
        }
        return j.endArray().end().toString();
    }

    static Json event(Json j, JournalEvent e) {
        return j.object().field("index", e.index()).field("time", e.time()).field("kind", e.kind().name())
                .field("address", Hex.address(e.address())).field("arg", e.arg()).field("flags", e.flags())
                .field("result", e.result()).field("out", e.out()).field("text", e.toString()).end();
    }

    private static void runs(Json j, VirtualMemory vm, long from, long to) {
        j.array("runs");
        int n = 0;
        long at = from;
        while (at < to && n < MAX_RUNS) {
            MemoryRegion r = vm.query(at);
            long end = Math.min(r.end(), to);
            j.object().field("base", Hex.address(at)).field("size", end - at).field("state", Flags.stateName(r.state()))
                    .field("protect", r.state() == MEM_COMMIT ? Protection.shortName(r.protect()) : "").end();
            n++;
            at = end;
        }
        j.endArray().field("runsTruncated", at < to);
    }

    static String typeName(int type) {
        return switch (type) {
            case 0 -> "0";
            case MEM_PRIVATE -> "MEM_PRIVATE";
            case MEM_MAPPED -> "MEM_MAPPED";
            case MEM_IMAGE -> "MEM_IMAGE";
            default -> String.format("0x%X", type);
        };
    }
}
