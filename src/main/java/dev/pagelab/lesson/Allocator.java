package dev.pagelab.lesson;

import java.util.List;

/**
 * Physical memory shared out among named programs, one request at a time: {@link ContiguousMemory} gives each
 * program one unbroken run of slots, {@link PagedMemory} gives it any free frames, one page at a time. Both count
 * in the same units and remember every step, so the same sequence of requests can be compared and drawn.
 *
 * <pre>{@code
 * var ram = contiguous(12);  ram.allocate("A", 3);  ram.free("A");
 * var pm  = paged(12);       pm.allocate("A", 3);   pm.free("A");
 * }</pre>
 */
public sealed interface Allocator permits ContiguousMemory, PagedMemory {

    /** Places {@code units} units for {@code program}; a request that cannot be met is refused, not thrown. */
    Placement allocate(String program, int units);

    /** Gives back everything {@code program} holds. */
    Allocator free(String program);

    /** "contiguous, first fit" or "paged". */
    String kind();

    /** What one unit is called: "slot" or "frame". */
    String unit();

    /** How many units the memory has. */
    int units();

    /** How many units are free now. */
    int freeUnits();

    /** The largest request that would be placed now: the largest hole, or every free frame. */
    int largestFreeBlock();

    /** The program holding {@code unit}, or null when it is free. */
    String owner(int unit);

    /** Which of its program's units {@code unit} holds (0 for the first page), or -1 when it is free. */
    int pageAt(int unit);

    /** Every program that has asked for memory, in the order of its first request (refused ones too). */
    List<String> programs();

    /** What each program holds now, in order of its first unit. */
    List<Placement> placements();

    /** The last request, placed or refused, or null before any. */
    Placement lastRequest();

    /** Every step so far, the empty start first. */
    List<Step> steps();

    /**
     * One step of the sequence and the free space after it.
     *
     * @param index            0 for the empty start, then 1, 2, ...
     * @param action           {@code "start"}, {@code "A 3"} (a request) or {@code "free A"}
     * @param freeUnits        units free after the step
     * @param largestFreeBlock the largest request that would be placed after the step
     * @param requested        the units asked for, 0 for a free
     * @param refused          whether the request was refused
     */
    record Step(int index, String action, int freeUnits, int largestFreeBlock, int requested, boolean refused) {}
}
