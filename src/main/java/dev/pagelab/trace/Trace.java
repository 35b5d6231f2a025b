package dev.pagelab.trace;

import java.io.IOException;

/** A memory-reference trace that can be read from the start as often as needed (a file, or references in memory). */
public interface Trace {

    /** Opens a fresh reader at the first reference. */
    ReferenceReader open() throws IOException;

    /** Whether the values are page numbers rather than byte addresses. */
    boolean pageNumbers();

    /** A short description for pictures and {@code toString()}, e.g. {@code trace of 12 pages}. */
    String describe();
}
