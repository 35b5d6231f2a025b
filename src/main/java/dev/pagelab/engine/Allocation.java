package dev.pagelab.engine;

/**
 * One reservation (Windows: a VAD): its base, size, the protection given at reservation time and type.
 * Read-only to everyone but the engine, which keeps the committed-page count current.
 */
public final class Allocation {
    private final long base;
    private final long size;
    private final int protect;
    private final int type;
    private final int allocationType;
    long committedPages;
    /** For a mapped view: its section, its first page in the section and the FILE_MAP_* access it was mapped with. */
    final Section section;
    final long sectionPage;
    final int access;
    /** For a mapped view: pages of it that copy-on-write made private (they are in {@link #committedPages} too). */
    long privatePages;

    Allocation(long base, long size, int protect, int type, int allocationType) {
        this(base, size, protect, type, allocationType, null, 0, 0);
    }

    /** A mapped view of {@code section} from its page {@code sectionPage} on (MEM_MAPPED). */
    Allocation(long base, long size, int protect, Section section, long sectionPage, int access) {
        this(base, size, protect, Flags.MEM_MAPPED, Flags.MEM_RESERVE | Flags.MEM_COMMIT, section, sectionPage, access);
    }

    private Allocation(long base, long size, int protect, int type, int allocationType, Section section,
            long sectionPage, int access) {
        this.base = base;
        this.size = size;
        this.protect = protect;
        this.type = type;
        this.allocationType = allocationType;
        this.section = section;
        this.sectionPage = sectionPage;
        this.access = access;
    }

    /** Whether this is a mapped view of a section (MEM_MAPPED) rather than VirtualAlloc memory. */
    public boolean isView() {
        return section != null;
    }

    /** The section this view maps, or null for VirtualAlloc memory. */
    public Section section() {
        return section;
    }

    /** The view's offset into its section in bytes (0 for VirtualAlloc memory). */
    public long sectionOffset() {
        return section == null ? 0 : sectionPage * section.pageSize();
    }

    /** AllocationBase. */
    public long base() { return base; }
    /** The reserved size in bytes (a whole number of pages). */
    public long size() { return size; }
    /** The first address past the reservation. */
    public long end() { return base + size; }
    /** AllocationProtect: the protection given at reservation time, modifiers included. */
    public int protect() { return protect; }
    /** MEM_PRIVATE for VirtualAlloc, MEM_MAPPED for a view of a section. */
    public int type() { return type; }
    /** The flAllocationType the reservation was made with (MEM_RESERVE, MEM_TOP_DOWN, MEM_WRITE_WATCH, ...). */
    public int allocationType() { return allocationType; }
    /** How many of its pages are committed. */
    public long committedPages() { return committedPages; }

    boolean contains(long address) {
        return address >= base && address - base < size;
    }

    @Override
    public String toString() {
        return (section == null ? "allocation " : "view of " + section.label() + " ") + Hex.range(base, end()) + " "
                + Hex.size(size) + " " + Flags.protectionName(protect);
    }
}
