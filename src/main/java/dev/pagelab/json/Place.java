package dev.pagelab.json;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * Where a value stands in a document: the file or stream, the JSON path from the root {@code $}, and the 1-based
 * line and column, 0 and 0 when unknown (a check made after the value was read). It prints as an input error's
 * message begins: {@code run.json: $.operations[3].size (line 7, column 15)}.
 */
record Place(String source, String path, int line, int column) {
    /** The place {@code path} of {@code source}, line and column unknown. */
    static Place of(String source, String path) {
        return new Place(source, path, 0, 0);
    }

    /** The place {@code path} of {@code source}, at the parser's location {@code at}. */
    static Place of(String source, String path, JsonLocation at) {
        return new Place(source, path, at.getLineNr(), at.getColumnNr());
    }

    @Override
    public String toString() {
        return source + ": " + path + (line > 0 ? " (line " + line + ", column " + column + ")" : "");
    }
}
