package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pagelab.AddressSpace;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's cell runner in this JVM, without Jupyter: one JShell for the class, as a notebook has. */
class CellsTest {
    private static Cells cells;
    private static int count;

    @BeforeAll
    static void startShell() {
        cells = new Cells(KernelConfig.from(Map.of(KernelConfig.STARTUP_SCRIPT, JJavaExtension.IMPORTS), Path.of(".")));
        cells.start();
        assertThat(cells.takeStartupProblems()).isEmpty();
    }

    @AfterAll
    static void closeShell() {
        cells.close();
    }

    private static Object run(String cell) throws CellError {
        return cells.run(cell, ++count);
    }

    @Test
    void lastExpression_isTheLiveValue() throws Exception {
        Object value = run("var s = space();\ns.reserve(kb(16));\ns");

        assertThat(value).isInstanceOf(AddressSpace.class);
        assertThat(value.toString()).contains("16 KiB");
    }

    @Test
    void getLastError_readsTheFailureOfTheStatementBefore_thoughEachRunsOnAThreadOfItsOwn() throws Exception {
        Object value = run("long nowhere = VirtualAlloc(0x5000_0000L, 4096, MEM_COMMIT, PAGE_READWRITE);\n"
                + "nowhere + \", error \" + GetLastError()");
        assertThat(value).isEqualTo("0, error 487");
        assertThat(run("GetLastError()")).as("and in the next cell").isEqualTo(487);
    }

    @Test
    void aSemicolonTheUserWrote_hidesTheValue_asInIPython() throws Exception {
        assertThat(run("kb(4);")).isSameAs(Cells.NO_VALUE);
        assertThat(run("kb(4); // the comment does not count")).isSameAs(Cells.NO_VALUE);
        assertThat(run("var k = kb(8)")).hasToString("8 KiB");
        assertThat(run("int n = 3;")).isSameAs(Cells.NO_VALUE);
        assertThat(run("Object none = null")).isNull();
        assertThat(run("System.out.print(\"\")")).isSameAs(Cells.NO_VALUE);
        assertThat(run("void f() {}")).isSameAs(Cells.NO_VALUE);
    }

    @Test
    void compileError_namesTheCellLine_andPointsAtTheCode() {
        CellError e = catchThrowableOfType(CellError.class, () -> run("int a = 1;\n\nint b = \"x\" + a;\nint c = 3;"));

        assertThat(e).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.CompilationError, "CompilationError");
        assertThat(e.traceback()).containsExactly(
                "line 3: incompatible types: java.lang.String cannot be converted to int",
                "    int b = \"x\" + a;",
                "            ^^^^^^^");
        // The cell stopped at the error: c was never declared.
        assertThatThrownBy(() -> run("c")).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.CompilationError, "CompilationError")
                .hasMessage("line 1: cannot find symbol");
    }

    @Test
    void exception_showsTheCellFramesOnly() throws Exception {
        run("void grow(int n) {\n  if (n == 0) space().reserve(kb(4)).commit(kb(4), kb(4));\n  grow(n - 1);\n}");
        String defined = "cell [" + count + "]";

        CellError e = catchThrowableOfType(CellError.class, () -> run("int depth = 1;\ngrow(depth)"));

        assertThat(e).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.ExceptionInCell, "ExceptionInCell");
        assertThat(e.traceback().get(0)).startsWith("IllegalArgumentException: commit [0x1_1000, 0x1_2000) runs past");
        assertThat(e.traceback().subList(1, e.traceback().size())).containsExactly(
                "    at grow(), " + defined + ", line 2",
                "    at grow(), " + defined + ", line 3",
                "    at line 2");
    }

    @Test
    void systemExit_stopsTheCell_andTheKernelGoesOn() throws Exception {
        CellError e = catchThrowableOfType(CellError.class, () -> run("int before = 1;\nSystem.exit(3);\nint after = 2;"));

        assertThat(e).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.ExitCalled, "ExitCalled").hasMessageStartingWith("System.exit(3) was called");
        assertThat(run("before")).isEqualTo(1);
    }

    @Test
    void cellCode_runsWithTheCellsLoaderAsContextClassLoader() throws Exception {
        assertThat(run("Thread.currentThread().getContextClassLoader()")).isSameAs(cells.classLoader());
    }

    @Test
    void interrupt_stopsASleepingCell() throws Exception {
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            try {
                cells.run("Thread.sleep(60_000)", 1000);
                return null;
            } catch (CellError e) {
                return e;
            }
        });
        Thread.sleep(500);
        cells.interrupt();

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.Interrupted, "Interrupted")
                .hasMessage("the cell was interrupted");
        assertThat(run("1 + 1")).isEqualTo(2);
    }

    @Test
    void incompleteCell_isAnErrorNamingTheLine() {
        assertThatThrownBy(() -> run("int i = 0;\nfor (;;) {")).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.IncompleteInput, "IncompleteInput")
                .hasMessage("the code ends before this statement does (line 2)");
    }

    @Test
    void completion_offersTheVerbs_ofTheSnippetUnderTheCursor() {
        String code = "var t = kb(1);\nspace().res";

        CellAnalysis.Completion c = cells.complete(code, code.length());

        assertThat(c.options()).contains("reserve(", "reserveTopDown(");
        assertThat(c.start()).isEqualTo(code.length() - 3);
        assertThat(c.end()).isEqualTo(code.length());
    }

    @Test
    void documentation_ofTheNameUnderTheCursor() {
        assertThat(cells.documentation("var k = kb(4);\nspace()", 17))
                .containsExactly("AddressSpace PageLab.space()", "AddressSpace PageLab.space(Machine machine)");
    }

    @Test
    void isComplete_answersAsTheProtocolAsks() {
        assertThat(cells.isComplete("int x = 1;")).isEqualTo("complete");
        assertThat(cells.isComplete("for (int i = 0; i < 3; i++) {")).isEqualTo("    ");
        assertThat(cells.isComplete("  if (true) {\n    int y = 2;")).isEqualTo("    ");
    }
}
