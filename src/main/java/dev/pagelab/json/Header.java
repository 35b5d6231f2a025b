package dev.pagelab.json;

/** The {@code format} and {@code version} fields every document carries, and the check that they fit the reader. */
final class Header {
    static final String FORMAT = "format";
    static final String VERSION = "version";

    private Node format;
    private Node version;

    /** Takes the field if it is {@code format} or {@code version}; returns whether it was. */
    boolean take(In in, String name, String path) {
        if (name.equals(FORMAT)) {
            format = in.tree(path);
            return true;
        }
        if (name.equals(VERSION)) {
            version = in.tree(path);
            return true;
        }
        return false;
    }

    /** Checks the header of a document read whole. */
    void check(In in, String expected, int newest, Node root) {
        format = root.optional(FORMAT);
        version = root.optional(VERSION);
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
}
