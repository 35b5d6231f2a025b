package dev.pagelab.json;

import java.util.List;

/** The {@code format} and {@code version} fields every document carries, and the check that they fit the reader. */
final class Header {
    private Node format;
    private Node version;

    /** Takes the field if it is {@code format} or {@code version}; returns whether it was. */
    boolean take(In in, String name, String path) {
        if (name.equals("format")) {
            format = in.tree(path);
            return true;
        }
        if (name.equals("version")) {
            version = in.tree(path);
            return true;
        }
        return false;
    }

    /** Checks the header of a document read whole. */
    void check(In in, String expected, int newest, Node root) {
        format = root.optional("format");
        version = root.optional("version");
        check(in, expected, newest);
    }

    /** Checks the format tag and that the version is one this reader knows. */
    void check(In in, String expected, int newest) {
        if (format == null) {
            throw in.failAt(Paths.ROOT, "missing field \"format\" (this reader expects \"" + expected + "\")");
        }
        String f = format.string(100);
        if (!f.equals(expected)) {
            throw format.fail("this is a " + Paths.quote(f, 40) + " document; expected \"" + expected + "\"");
        }
        if (version == null) {
            throw in.failAt(Paths.ROOT, "missing field \"version\"");
        }
        int v = version.integer(1, Integer.MAX_VALUE);
        if (v > newest) {
            throw version.fail("version " + v + " of " + expected + " is newer than this PageLab reads (" + newest
                    + " and older)");
        }
    }

    /** Fails at the root when one of {@code required} was not seen. */
    static void require(In in, String path, List<String> required, java.util.Set<String> seen) {
        for (String name : required) {
            if (!seen.contains(name)) {
                throw in.failAt(path, "missing field \"" + name + "\"");
            }
        }
    }

    static JsonInputException unknown(In in, String path, String known) {
        return in.fail(path, "unknown field; known here: " + known);
    }
}
