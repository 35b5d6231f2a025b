package dev.pagelab.jupyter;

import java.util.List;

/**
 * Why a cell stopped, already written for a person: the lines Jupyter shows as the traceback, and the
 * {@link Kind} whose name the notebook records as the error's name. Carries no Java stack of the kernel's own.
 */
final class CellError extends Exception {
    /** What stopped the cell; the constant's name is the error name a notebook shows. */
    enum Kind {
        /** javac rejected a snippet: the diagnostics with the cell's line and a caret under the code. */
        CompilationError,
        /** The cell's code threw: the exception and the frames of cell code only. */
        ExceptionInCell,
        /** The cell ends in the middle of a statement or declaration. */
        IncompleteInput,
        /** Someone pressed interrupt, or the cell ran longer than {@code PAGELAB_TIMEOUT}. */
        Interrupted,
        /** The cell called {@code System.exit}; the kernel stays up. */
        ExitCalled
    }

    private final Kind kind;
    private final List<String> lines;

    CellError(Kind kind, String summary, List<String> lines) {
        super(summary, null, false, false);
        this.kind = kind;
        this.lines = List.copyOf(lines);
    }

    /** An error whose traceback is its one-line summary. */
    CellError(Kind kind, String summary) {
        this(kind, summary, List.of(summary));
    }

    Kind kind() {
        return kind;
    }

    /** The lines to show, without trailing newlines. */
    List<String> traceback() {
        return lines;
    }
}
