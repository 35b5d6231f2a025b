package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaSourceTest {
    @Test
    void endsWithSemicolon_ignoresTrailingCommentsAndBlanks() {
        assertThat(JavaSource.endsWithSemicolon("s; // hidden")).isTrue();
        assertThat(JavaSource.endsWithSemicolon("s /* ; */ ")).isFalse();
        assertThat(JavaSource.endsWithSemicolon("s\n")).isFalse();
        assertThat(JavaSource.endsWithSemicolon("String t = \";\"")).isFalse();
        assertThat(JavaSource.endsWithSemicolon("String t = \";\";\n\n")).isTrue();
    }

    @Test
    void rewriteExit_replacesCallsAndReferencesKeepingPositions() {
        String cell = "if (x) System.exit(1);\nIntConsumer c = System :: exit;\njava.lang.System.exit(2)";
        String out = JavaSource.rewriteExit(cell);
        assertThat(out).hasSameSizeAs(cell)
                .isEqualTo("if (x) $ystem.exit(1);\nIntConsumer c = $ystem :: exit;\n          $ystem.exit(2)");
    }

    @Test
    void rewriteExit_leavesStringsCommentsAndOtherMembersAlone() {
        String cell = "System.out.println(\"System.exit(0)\"); // System.exit(1)\n/* System.exit(2) */ System.exitValue(3);"
                + " MySystem.exit(4); char c = '\"'; System.exit (5)";
        assertThat(JavaSource.rewriteExit(cell)).isEqualTo(cell.replace("System.exit (5)", "$ystem.exit (5)"));
    }
}
