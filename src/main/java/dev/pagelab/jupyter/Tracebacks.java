package dev.pagelab.jupyter;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes errors the way a person would: a javac diagnostic with the cell's line and a caret under the code, or
 * an exception with the frames of cell code only (never the kernel's, nor the JDK's machinery between them).
 */
final class Tracebacks {
    private Tracebacks() {
    }

    /**
     * Where a snippet came from: a cell (by its label, {@code cell [4]}) or a startup script, the whole text of
     * that cell or script, and where the snippet starts in it.
     */
    record Origin(String label, String text, int offset) {
        /** The 1-based line of the cell or script at a position of the snippet. */
        int line(int positionInSnippet) {
            int end = Math.min(text.length(), offset + Math.max(0, positionInSnippet));
            int line = 1;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** The line where the snippet's code starts: JShell numbers stack frames from there. */
        int firstCodeLine() {
            int i = offset;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return line(i - offset);
        }

        /** The text of a 1-based line, without its line break. */
        String sourceLine(int line) {
            String[] lines = text.split("\r?\n", -1);
            return line >= 1 && line <= lines.length ? lines[line - 1] : "";
        }

        /** The column (0-based) of a position of the snippet within its line. */
        int column(int positionInSnippet) {
            int pos = Math.min(text.length(), offset + Math.max(0, positionInSnippet));
            int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
            return pos - lineStart;
        }
    }

    /** javac's diagnostics for one rejected snippet. */
    static CellError compilation(Origin o, String current, List<Diag> diags) {
        List<String> lines = new ArrayList<>();
        String summary = null;
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            List<String> message = messageLines(d);
            String head = message.isEmpty() ? "error" : message.get(0);
            if (summary == null) {
                summary = head;
            }
            long start = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            if (start < 0) {
                lines.add(where(o, current, -1) + head);
                lines.addAll(message.subList(Math.min(1, message.size()), message.size()));
                continue;
            }
            int line = o.line((int) start);
            if (lines.isEmpty()) {
                summary = where(o, current, line) + head;
            }
            lines.add(where(o, current, line) + head);
            lines.addAll(message.subList(1, message.size()));
            lines.addAll(caret(o, line, (int) start, (int) Math.max(start + 1, d.getEndPosition())));
        }
        if (summary == null) {
            summary = "the code does not compile";
            lines.add(where(o, current, -1) + summary);
        }
        return new CellError(CellError.Kind.CompilationError, summary, lines);
    }

    /** A snippet declared something that refers to what does not exist yet, and was then used. */
    static CellError unresolved(String name, List<String> missing) {
        String summary = name + " cannot be used until " + String.join(", ", missing) + " "
                + (missing.size() == 1 ? "is" : "are") + " declared";
        return new CellError(CellError.Kind.ExceptionInCell, summary);
    }

    /** An exception thrown by cell code, its causes, and the cell frames of each. */
    static CellError exception(JShellException e, String current, Function<String, Origin> origins,
                                               Function<UnresolvedReferenceException, String> unresolved) {
        List<String> lines = new ArrayList<>();
        String summary = null;
        String prefix = "";
        for (Throwable t = e; t != null; t = t.getCause(), prefix = "Caused by: ") {
            String head = t instanceof EvalException ev ? describe(ev.getExceptionClassName(), ev.getMessage())
                    : t instanceof UnresolvedReferenceException ure ? unresolved.apply(ure)
                    : describe(t.getClass().getName(), t.getMessage());
            if (summary == null) {
                summary = head;
            }
            lines.add(prefix + head);
            for (StackTraceElement f : t.getStackTrace()) {
                String file = f.getFileName();
                if (file == null || !file.startsWith("#")) {
                    continue;
                }
                Origin o = origins.apply(file.substring(1));
                if (o != null) {
                    lines.add("    at " + frame(f, o, current));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new CellError(CellError.Kind.ExceptionInCell, summary, lines);
    }

    static String describe(String className, String message) {
        String name = className.startsWith("java.lang.") && className.indexOf('.', 10) < 0
                ? className.substring(10) : className;
        return message == null || message.isEmpty() ? name : name + ": " + message;
    }

    private static String frame(StackTraceElement f, Origin o, String current) {
        int line = o.firstCodeLine() + Math.max(1, f.getLineNumber()) - 1;
        String place = (o.label().equals(current) ? "" : o.label() + ", ") + "line " + line;
        String method = f.getMethodName();
        if (method == null || method.isEmpty()) {
            return place;
        }
        String cls = f.getClassName();
        String owner = cls == null || cls.isEmpty() || cls.startsWith("REPL.") || cls.contains("$JShell$")
                ? "" : cls.substring(cls.lastIndexOf('.') + 1) + ".";
        return owner + method + "(), " + place;
    }

    private static String where(Origin o, String current, int line) {
        String label = o.label().equals(current) ? "" : o.label();
        if (line < 0) {
            return label.isEmpty() ? "" : label + ": ";
        }
        return (label.isEmpty() ? "" : label + ", ") + "line " + line + ": ";
    }

    private static List<String> messageLines(Diag d) {
        List<String> out = new ArrayList<>();
        for (String l : d.getMessage(Locale.ENGLISH).split("\r?\n")) {
            String t = l.strip();
            if (t.startsWith("location:") || t.isEmpty()) {
                continue;
            }
            out.add(out.isEmpty() ? t : "  " + t);
        }
        return out;
    }

    /** The source line, indented, and carets under [start, end) of it (to its end when the span runs on). */
    private static List<String> caret(Origin o, int line, int start, int end) {
        String src = o.sourceLine(line);
        int from = Math.min(o.column(start), src.length());
        int to = o.line(end - 1) == line ? Math.min(o.column(end - 1) + 1, src.length()) : src.length();
        StringBuilder marks = new StringBuilder("    ");
        for (int i = 0; i < from; i++) {
            marks.append(src.charAt(i) == '\t' ? '\t' : ' ');
        }
        marks.append("^".repeat(Math.max(1, to - from)));
        return List.of("    " + src, marks.toString());
    }
}
