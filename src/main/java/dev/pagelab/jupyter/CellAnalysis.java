package dev.pagelab.jupyter;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the front end asks about code it has not run: completion, documentation and whether a cell is complete,
 * answered by JShell's source analysis on the snippet of the cell that holds the cursor.
 */
final class CellAnalysis {
    private final SourceCodeAnalysis analysis;

    CellAnalysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Completion at a cursor: the replacement texts and the range [start, cursor) they replace. */
    record Completion(List<String> options, int start, int end) {
    }

    Completion complete(String code, int cursor) {
        int[] part = partAt(code, cursor);
        int[] anchor = new int[1];
        String snippet = code.substring(part[0], part[1]);
        List<Suggestion> found = analysis.completionSuggestions(snippet, cursor - part[0], anchor);
        List<String> options = found.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completion(options, part[0] + anchor[0], cursor);
    }

    /** Documentation of what is at the cursor: signature, then javadoc when the JDK has it. */
    List<String> documentation(String code, int cursor) {
        // JShell documents the name just before its cursor: move it past the name (and a call's '(').
        int at = Math.min(Math.max(cursor, 0), code.length());
        while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
            at++;
        }
        int next = at;
        while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
            next++;
        }
        if (next < code.length() && code.charAt(next) == '(') {
            at = next + 1;
        }
        int[] part = partAt(code, at);
        String snippet = code.substring(part[0], part[1]);
        return analysis.documentation(snippet, at - part[0], true).stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.toList());
    }

    /** The kernel protocol's answer: {@code complete}, {@code invalid}, or the indent of the next line. */
    String isComplete(String code) {
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        switch (info.completeness()) {
            case EMPTY:
                return "complete";
            case UNKNOWN:
                return "invalid";
            default:
                return indentAfter(info.remaining());
        }
    }

    /** The snippet of code [start, end) that holds the cursor. */
    private int[] partAt(String code, int cursor) {
        int start = 0;
        String rest = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                break;
            }
            int end = code.length() - info.remaining().length();
            if (end >= cursor) {
                return new int[] {start, Math.max(end, cursor)};
            }
            start = end;
            rest = info.remaining();
        }
        return new int[] {start, code.length()};
    }

    private static String indentAfter(String partial) {
        String[] lines = partial.split("\n", -1);
        String last = lines[lines.length - 1].isBlank() && lines.length > 1 ? lines[lines.length - 2] : lines[lines.length - 1];
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        long opened = last.chars().filter(c -> c == '{' || c == '(').count()
                - last.chars().filter(c -> c == '}' || c == ')').count();
        return opened > 0 ? indent + "    " : indent;
    }
}
