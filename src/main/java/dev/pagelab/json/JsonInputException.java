package dev.pagelab.json;

/**
 * Bad input in a PageLab JSON document: the message names the source, the place (a JSON path such as
 * {@code $.operations[3].size}, and the line and column when known) and the problem. Nothing was changed by the
 * read that raised it.
 */
public final class JsonInputException extends IllegalArgumentException {
    private final String source;
    private final String path;
    private final int line;
    private final int column;
    private final String problem;

    JsonInputException(Place place, String problem) {
        super(place + ": " + problem);
        this.source = place.source();
        this.path = place.path();
        this.line = place.line();
        this.column = place.column();
        this.problem = problem;
    }

    /** The file or stream the document came from. */
    public String source() {
        return source;
    }

    /** Where in the document: a JSON path from the root {@code $}, e.g. {@code $.operations[3].size}. */
    public String path() {
        return path;
    }

    /** The 1-based line of the bad value, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the bad value, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
