package dev.pagelab.jupyter;

/**
 * Just enough of a Java lexer for a cell: it tells code from comments and literals, so the kernel can see
 * whether a snippet ends in {@code ;} and can find {@code System.exit} calls without touching strings.
 */
final class JavaSource {
    /** The REPL class the kernel declares at start; {@code System.exit(n)} in a cell becomes {@code $ystem.exit(n)}. */
    static final String EXIT_CLASS = "$ystem";

    private final String text;
    /** code[i] is true where text.charAt(i) is code, false inside comments and string, char or text-block literals. */
    private final boolean[] code;

    private JavaSource(String text) {
        this.text = text;
        this.code = classify(text);
    }

    /** True when the last character of the snippet that is code (not a comment or blank) is a semicolon. */
    static boolean endsWithSemicolon(String snippet) {
        JavaSource s = new JavaSource(snippet);
        for (int i = snippet.length() - 1; i >= 0; i--) {
            if (s.code[i] && !Character.isWhitespace(snippet.charAt(i))) {
                return snippet.charAt(i) == ';';
            }
        }
        return false;
    }

    /**
     * Rewrites {@code System.exit(} and {@code System::exit} (also spelled {@code java.lang.System}) to call
     * {@link #EXIT_CLASS}, keeping every character position, so diagnostics still point at the user's text.
     */
    static String rewriteExit(String snippet) {
        if (!snippet.contains("exit")) {
            return snippet;
        }
        JavaSource s = new JavaSource(snippet);
        char[] out = snippet.toCharArray();
        for (int i = s.next(0); i < out.length; i = s.next(i + 1)) {
            if (!s.identifierAt(i, "System")) {
                continue;
            }
            int after = s.skipBlank(i + 6);
            boolean call = s.is(after, '.') && s.identifierAt(s.skipBlank(after + 1), "exit")
                    && s.is(s.skipBlank(s.skipBlank(after + 1) + 4), '(');
            boolean reference = s.is(after, ':') && s.is(after + 1, ':')
                    && s.identifierAt(s.skipBlank(after + 2), "exit");
            if (call || reference) {
                EXIT_CLASS.getChars(0, 6, out, i);
                s.blankQualifier(out, i);
            }
            i += 5;
        }
        return new String(out);
    }

    /** Blanks a {@code java.lang.} written before position {@code at}, so the rewritten name stands alone. */
    private void blankQualifier(char[] out, int at) {
        int lang = qualifierBefore(at, "lang");
        int java = lang < 0 ? -1 : qualifierBefore(lang, "java");
        if (java < 0) {
            return;
        }
        for (int k = java; k < at; k++) {
            if (out[k] != '\n' && out[k] != '\r') {
                out[k] = ' ';
            }
        }
    }

    /** Where {@code word} starts when {@code word.} (blanks allowed) is written just before {@code at}; else -1. */
    private int qualifierBefore(int at, String word) {
        int dot = skipBlankBack(at - 1);
        if (!is(dot, '.')) {
            return -1;
        }
        int start = skipBlankBack(dot - 1) - (word.length() - 1);
        return start >= 0 && identifierAt(start, word) ? start : -1;
    }

    private int next(int from) {
        int i = from;
        while (i < text.length() && !code[i]) {
            i++;
        }
        return i;
    }

    private boolean identifierAt(int i, String word) {
        int end = i + word.length();
        if (i < 0 || end > text.length() || !text.startsWith(word, i)) {
            return false;
        }
        for (int k = i; k < end; k++) {
            if (!code[k]) {
                return false;
            }
        }
        boolean startsWord = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
        boolean endsWord = end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
        return startsWord && endsWord;
    }

    private boolean is(int i, char c) {
        return i >= 0 && i < text.length() && code[i] && text.charAt(i) == c;
    }

    private int skipBlank(int i) {
        while (i < text.length() && (!code[i] || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private int skipBlankBack(int i) {
        while (i >= 0 && (!code[i] || Character.isWhitespace(text.charAt(i)))) {
            i--;
        }
        return i;
    }

    private static boolean[] classify(String t) {
        boolean[] code = new boolean[t.length()];
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '/') {
                i = skipTo(t, i, "\n", false);
            } else if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '*') {
                i = skipTo(t, i + 2, "*/", false);
            } else if (t.startsWith("\"\"\"", i)) {
                i = skipTo(t, i + 3, "\"\"\"", true);
            } else if (c == '"' || c == '\'') {
                i = skipTo(t, i + 1, String.valueOf(c), true);
            } else {
                code[i++] = true;
            }
        }
        return code;
    }

    /** The index just past {@code end} (or the text's end); backslash escapes are skipped inside literals. */
    private static int skipTo(String t, int from, String end, boolean escapes) {
        int i = from;
        while (i < t.length()) {
            if (escapes && t.charAt(i) == '\\') {
                i += 2;
            } else if (t.startsWith(end, i)) {
                return i + end.length();
            } else if (escapes && end.length() == 1 && t.charAt(i) == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return t.length();
    }
}
