package dev.pagelab.lesson;

/**
 * The lessons' entry point, made for {@code import static dev.pagelab.lesson.Lessons.*} beside
 * {@code dev.pagelab.PageLab.*}: the memories of the fragmentation lesson. The exercises are
 * {@link Exercises}' generators.
 *
 * <pre>{@code
 * var ram = contiguous(12);
 * ram.allocate("A", 3);
 * var pm = paged(12);
 * pm.allocate("A", 3);
 * }</pre>
 */
public final class Lessons {
    private Lessons() {}

    /**
     * A physical memory of {@code slots} slots shared out without paging: each program gets one unbroken run,
     * first fit. {@code var ram = contiguous(12); ram.allocate("A", 3); ram.free("A");}
     */
    public static ContiguousMemory contiguous(int slots) {
        return new ContiguousMemory(slots);
    }

    /**
     * A physical memory of {@code frames} frames shared out by paging, on the engine: each program is an address
     * space whose pages take any free frames. {@code var pm = paged(12); pm.allocate("A", 3); pm.free("A");}
     */
    public static PagedMemory paged(int frames) {
        return new PagedMemory(frames);
    }
}
