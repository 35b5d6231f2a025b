package dev.pagelab.jupyter;

import java.util.List;

/**
 * Why a cell stopped, already written for a person: the lines Jupyter shows as the traceback. The subclasses'
 * simple names are what the notebook records as the error's name. Carries no Java stack of the kernel's own.
 */
abstract class CellError extends Exception {
    private final List<String> lines;

    private CellError(String summary, List<String> lines) {
        super(summary, null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** The lines to show, without trailing newlines. */
    List<String> traceback() {
        return lines;
    }

    /** javac rejected a snippet: the diagnostics with the cell's line and a caret under the code. */
    static final class CompilationError extends CellError {
        CompilationError(String summary, List<String> lines) {
            super(summary, lines);
        }
    }

    /** The cell's code threw: the exception and the frames of cell code only. */
    static final class ExceptionInCell extends CellError {
        ExceptionInCell(String summary, List<String> lines) {
            super(summary, lines);
        }
    }

    /** The cell ends in the middle of a statement or declaration. */
    static final class IncompleteInput extends CellError {
        IncompleteInput(String summary, List<String> lines) {
            super(summary, lines);
        }
    }

    /** Someone pressed interrupt, or the cell ran longer than {@code PAGELAB_TIMEOUT}. */
    static final class Interrupted extends CellError {
        Interrupted(String summary, List<String> lines) {
            super(summary, lines);
        }
    }

    /** The cell called {@code System.exit}; the kernel stays up. */
    static final class ExitCalled extends CellError {
        ExitCalled(String summary, List<String> lines) {
            super(summary, lines);
        }
    }
}
