package dev.pagelab.render;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.FaultLog;
import dev.pagelab.Pages;
import dev.pagelab.Region;
import dev.pagelab.TraceRun;
import dev.pagelab.lesson.Allocator;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.Replay;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.replay.WorkingSet;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The pictures in one place, made for {@code import static dev.pagelab.render.Pictures.*}: each method draws the
 * state as it is now and returns a {@link Picture} to show, or to {@code save(Path)} as SVG, PNG or HTML.
 *
 * <pre>{@code
 * var s = space(); var r = s.reserve(kb(64)); r.commit(0, kb(8)).write(0, 1);
 * map(s).save(Path.of("map.svg")); grid(r); translation(r); frameMap(s); timeline(s);
 * }</pre>
 */
public final class Pictures {
    private Pictures() {}

    /** The address-space map of {@code space}, big free gaps cut short. */
    public static SpaceMap map(AddressSpace space) {
        return SpaceMap.of(space);
    }

    /** The address-space map of {@code space} from {@code from} to {@code to}, at a linear scale. */
    public static SpaceMap map(AddressSpace space, long from, long to) {
        return SpaceMap.of(space).zoom(from, to);
    }

    /** The address-space map zoomed to one reservation. */
    public static SpaceMap map(Region region) {
        return SpaceMap.of(region.space()).zoom(region);
    }

    /** One cell per slot or frame of a memory shared among programs: contiguous holes, or pages in any frames. */
    public static PlacementMap map(Allocator memory) {
        return PlacementMap.of(memory);
    }

    /** The largest free block after each step of the same sequence, one line per memory. */
    public static FreeBlockChart freeBlocks(Allocator... memories) {
        return FreeBlockChart.of(memories);
    }

    /**
     * The working set W(t, τ) of a trace after every reference, one line per window τ: the trace is replayed once
     * per window ({@link WorkingSet#sizes}), then drawn.
     */
    public static WorkingSetChart workingSet(Trace trace, int... taus) {
        int[][] sizes = WorkingSet.sizes(trace, taus);
        WorkingSetChart chart = WorkingSetChart.of(trace.describe());
        for (int i = 0; i < taus.length; i++) {
            chart = chart.with(taus[i], sizes[i]);
        }
        return chart;
    }

    /** One cell per page of a reservation. */
    public static PageGrid grid(Region region) {
        return PageGrid.of(region);
    }

    /** One cell per page of a page range. */
    public static PageGrid grid(Pages pages) {
        return PageGrid.of(pages);
    }

    /** Virtual pages, page-table entries and frames of a reservation. */
    public static TranslationPicture translation(Region region) {
        return TranslationPicture.of(region);
    }

    /** Virtual pages, page-table entries and frames of a page range. */
    public static TranslationPicture translation(Pages pages) {
        return TranslationPicture.of(pages);
    }

    /** The blocks of a heap: headers, used and free blocks, the reserved tail, fragmentation. */
    public static HeapMap heap(dev.pagelab.Heap heap) {
        return HeapMap.of(heap);
    }

    /** The frames of a computer. */
    public static FrameMap frameMap(Computer computer) {
        return FrameMap.of(computer);
    }

    /** The frames of the computer under {@code space}, that space first. */
    public static FrameMap frameMap(AddressSpace space) {
        return FrameMap.of(space);
    }

    /** The fault timeline of a space. */
    public static FaultTimeline timeline(AddressSpace space) {
        return FaultTimeline.of(space);
    }

    /** The fault timeline of a fault log. */
    public static FaultTimeline timeline(FaultLog log) {
        return FaultTimeline.of(log);
    }

    /** Faults against frames for several series (policies), in the map's order. */
    public static MissRatioChart missRatio(String title, int[] frameCounts, Map<String, long[]> faultsBySeries) {
        return MissRatioChart.of(title, frameCounts, faultsBySeries);
    }

    /** Fault timelines of replays counted per {@code bucketWidth} references, in the map's order. */
    public static ReplayTimeline replays(String title, long bucketWidth, Map<String, long[]> faultsPerBucket) {
        return ReplayTimeline.of(title, bucketWidth, faultsPerBucket);
    }

    /**
     * The fault timeline of a trace run through an address space, from its journal (a run too long to journal each
     * fault draws empty here: draw {@code replays(run.result())} instead, as {@link Display} does).
     */
    public static FaultTimeline timeline(TraceRun run) {
        return FaultTimeline.of(run.space()).title("Trace run: " + run.result().trace());
    }

    /** Miss-ratio curves side by side, one line per curve. */
    public static MissRatioChart curves(MissRatioCurve... curves) {
        return MissRatioChart.of(curves);
    }

    /**
     * Faults of each policy on {@code trace} at each of {@code frameCounts} (ascending), one replay per policy and
     * size ({@link Replay#faultsAt}), then drawn: a policy comparison, and Belady's anomaly where FIFO shows it.
     *
     * <pre>{@code compare(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5), new int[] {1, 2, 3, 4, 5}, FIFO, LRU, OPT)}</pre>
     */
    public static MissRatioChart compare(Trace trace, int[] frameCounts, Policy... policies) {
        if (trace == null) {
            throw new IllegalArgumentException("compare needs a trace, such as trace(1, 2, 3, 1), not null");
        }
        if (policies == null || policies.length == 0) {
            throw new IllegalArgumentException("compare needs at least one policy");
        }
        MissRatioChart chart = MissRatioChart.of("Policies on " + trace.describe());
        for (Policy policy : policies) {
            try {
                chart = chart.with(Replay.of(trace).faultsAt(policy, frameCounts));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
            }
        }
        return chart;
    }

    /** Fault timelines of replay results side by side. */
    public static ReplayTimeline replays(ReplayResult... results) {
        return ReplayTimeline.of(results);
    }

    /**
     * A chart of lines from plain numbers, to fill with {@code with(name, x, y)}:
     * {@code lineChart("TLB hits", "pages in the loop", "hit ratio").with("64 entries", pages, ratios)}.
     */
    public static LineChart lineChart(String title, String xLabel, String yLabel) {
        return LineChart.of(title, xLabel, yLabel);
    }

    /** A page holding several pictures, to save as HTML. */
    public static HtmlPage page(String title, Picture... pictures) {
        return HtmlPage.of(title, java.util.Arrays.asList(pictures));
    }

    /** The MIME bundle of any PageLab object (see {@link Display#mimeBundle}). */
    public static Map<String, String> mimeBundle(Object value) {
        return Display.mimeBundle(value);
    }
}
