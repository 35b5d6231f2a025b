package dev.pagelab.trace;

/**
 * The trace file formats PageLab reads and writes; {@code docs/trace-formats.md} describes each one
 * byte by byte. {@link Traces#open(java.nio.file.Path)} tells them apart from a file's first bytes.
 */
public enum TraceFormat {
    /** One page number per line, decimal or {@code 0x} hex; {@code #} comments and blank lines allowed. */
    PAGES("page-number trace", true),
    /** {@code R|W|X ADDRESS} lines, the address always hexadecimal, {@code 0x} optional. */
    RWX("R/W/X address trace", false),
    /** Output of {@code valgrind --tool=lackey --trace-mem=yes}: {@code I}, {@code L}, {@code S}, {@code M} records. */
    LACKEY("valgrind lackey trace", false),
    /** PageLab's compact binary form: a header, delta-encoded references with their kinds, a checked trailer. */
    BINARY("binary trace", null);

    private final String label;
    private final Boolean holdsPageNumbers;

    TraceFormat(String label, Boolean holdsPageNumbers) {
        this.label = label;
        this.holdsPageNumbers = holdsPageNumbers;
    }

    /** A short name for messages and {@link Trace#describe()}, e.g. {@code valgrind lackey trace}. */
    public String label() {
        return label;
    }

    /** Whether files of this format hold page numbers ({@code true}), byte addresses ({@code false}) or either ({@code null}). */
    Boolean holdsPageNumbers() {
        return holdsPageNumbers;
    }
}
