package dev.pagelab.jupyter;

import dev.pagelab.jupyter.Tracebacks.Origin;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A JShell whose code runs in this JVM: it splits a cell into snippets, evaluates them in order, stops at the
 * first error and returns the live value of a last expression not ended by {@code ;}. Also completion,
 * is-complete and documentation, from JShell's source analysis. Not thread-safe: the kernel calls it from
 * its shell thread only (and {@link #interrupt()} from any thread).
 */
final class Cells implements AutoCloseable {
    /** What {@link #run} returns when the cell shows no value. */
    static final Object NO_VALUE = new Object();

    /** The stand-in for {@code System} that cells' exit calls go to, declared when a cell first needs it. */
    private static final String EXIT_CLASS = "class " + JavaSource.EXIT_CLASS + " { static void exit(int status) {"
            + " throw new " + ExitRequested.class.getName() + "(status); } }";

    /** How code usually stops when interrupted; nothing worth repeating to the user. */
    private static final java.util.Set<String> QUIET_STOPS = java.util.Set.of("java.lang.InterruptedException",
            "java.lang.ThreadDeath", CellExecution.NOT_STARTED);

    private final KernelConfig config;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final List<String> startupProblems = Collections.synchronizedList(new ArrayList<>());

    private volatile JShell shell;
    private volatile CellExecution execution;
    private volatile CellClassLoader loader;
    private volatile RuntimeException startFailure;
    private boolean exitClassDeclared;

    Cells(KernelConfig config) {
        this.config = config;
    }

    /** Builds the shell and runs the startup scripts; the other methods wait until this has ended. */
    void start() {
        try {
            loader = new CellClassLoader(Cells.class.getClassLoader());
            execution = new CellExecution(loader, config.timeout());
            shell = JShell.builder()
                    .executionEngine(new Provider(execution), Map.of())
                    .compilerOptions(config.compilerOptions().toArray(String[]::new))
                    .build();
            for (Path p : config.classpath()) {
                if (Files.exists(p)) {
                    shell.addToClasspath(p.toString());
                } else {
                    startupProblems.add(KernelConfig.CLASSPATH + ": " + p + " does not exist");
                }
            }
            for (Path script : config.startupScripts()) {
                try {
                    runStartup(script.getFileName().toString(), Files.readString(script));
                } catch (IOException e) {
                    startupProblems.add(KernelConfig.STARTUP_SCRIPTS_PATH + ": cannot read " + script + ": " + e);
                }
            }
            if (!config.startupScript().isBlank()) {
                runStartup(KernelConfig.STARTUP_SCRIPT, config.startupScript());
            }
        } catch (RuntimeException e) {
            startFailure = e;
        } finally {
            ready.countDown();
        }
    }

    private void runStartup(String label, String text) {
        try {
            runText(label, text);
        } catch (CellError e) {
            startupProblems.add(label + ":");
            e.traceback().forEach(l -> startupProblems.add("  " + l));
        }
    }

    /** Problems met while starting (unreadable scripts, scripts that failed), once: later calls return none. */
    List<String> takeStartupProblems() {
        awaitReady();
        synchronized (startupProblems) {
            List<String> copy = List.copyOf(startupProblems);
            startupProblems.clear();
            return copy;
        }
    }

    /** The cells' class loader: the context class loader of every cell thread. */
    ClassLoader classLoader() {
        awaitReady();
        return loader;
    }

    /**
     * Runs a cell labelled {@code cell [count]}: its value, or {@link #NO_VALUE} when the last snippet has none
     * or ends with {@code ;}.
     */
    Object run(String cell, int count) throws CellError {
        awaitReady();
        execution.beginCell();
        return runText("cell [" + count + "]", cell);
    }

    /** Stops the running cell: interrupts its thread and skips its remaining snippets. */
    void interrupt() {
        CellExecution e = execution;
        if (e != null) {
            e.interrupt();
        }
    }

    private Object runText(String label, String text) throws CellError {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object value = NO_VALUE;
        String rest = text;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return value;
            }
            int offset = text.length() - rest.length();
            if (!info.completeness().isComplete()) {
                Origin o = new Origin(label, text, offset);
                int line = o.line(leadingBlank(rest));
                String summary = "the code ends before this statement does (line " + line + ")";
                throw new CellError(CellError.Kind.IncompleteInput, summary, List.of(summary, "    " + o.sourceLine(line)));
            }
            String source = info.source();
            value = evalSnippet(label, text, offset, source);
            // COMPLETE_WITH_SEMI means JShell added the ';' itself: only a ';' the user wrote hides the value.
            if (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                    && JavaSource.endsWithSemicolon(source)) {
                value = NO_VALUE;
            }
            rest = info.remaining();
        }
    }

    private Object evalSnippet(String label, String text, int offset, String source) throws CellError {
        Origin origin = new Origin(label, text, offset);
        String rewritten = JavaSource.rewriteExit(source);
        if (!rewritten.equals(source) && !exitClassDeclared) {
            shell.eval(EXIT_CLASS);
            exitClassDeclared = true;
        }
        List<SnippetEvent> events = shell.eval(rewritten);
        Object value = execution.takeValue();
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main != null) {
            origins.put(main.snippet().id(), origin);
        }
        if (execution.stopRequested()) {
            JShellException why = main == null ? null : main.exception();
            throw isAbandoned(why) ? abandoned() : interrupted(why);
        }
        if (main == null) {
            return NO_VALUE;
        }
        Snippet snippet = main.snippet();
        JShellException thrown = main.exception();
        if (thrown != null) {
            throw failure(thrown, label);
        }
        if (main.status() == Snippet.Status.REJECTED) {
            throw Tracebacks.compilation(origin, label, shell.diagnostics(snippet).collect(Collectors.toList()));
        }
        if (main.status() == Snippet.Status.RECOVERABLE_DEFINED
                || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            noteUnresolved((DeclarationSnippet) snippet);
        }
        return snippet.subKind().hasValue() && snippet.subKind().isExecutable() ? value : NO_VALUE;
    }

    private CellError failure(JShellException thrown, String label) {
        if (thrown instanceof EvalException ev) {
            if (isAbandoned(ev)) {
                return abandoned();
            }
            if (ExitRequested.class.getName().equals(ev.getExceptionClassName())) {
                String call = ev.getMessage();
                String summary = call + " was called: the cell stopped here, and the kernel keeps running"
                        + " with its variables (restart the kernel to start afresh)";
                return new CellError(CellError.Kind.ExitCalled, summary);
            }
        }
        return Tracebacks.exception(thrown, label, origins::get, this::unresolvedMessage);
    }

    private static boolean isAbandoned(JShellException e) {
        return e instanceof EvalException ev && CellExecution.ABANDONED.equals(ev.getExceptionClassName());
    }

    private static CellError abandoned() {
        String summary = "the cell was interrupted, but its code does not check for interrupts"
                + " (Thread.interrupted()) and goes on running in the background; restart the kernel to end it";
        return new CellError(CellError.Kind.Interrupted, summary);
    }

    /**
     * The interrupt, as a sentence: what the code said as it stopped when that says more than "interrupted" (a
     * replay tells how far it came), never the name of the exception that carried it.
     */
    private CellError interrupted(JShellException why) {
        String summary = execution.timedOut()
                ? "the cell ran longer than " + KernelConfig.TIMEOUT + " (" + execution.timeout().toMillis()
                        + " ms) and was interrupted"
                : "the cell was interrupted";
        String said = why instanceof EvalException ev && !QUIET_STOPS.contains(ev.getExceptionClassName())
                ? ev.getMessage() : null;
        if (said != null && !said.isBlank() && !said.strip().equalsIgnoreCase("interrupted")) {
            summary = said.contains("interrupted") && !execution.timedOut() ? said : summary + ": " + said;
        }
        return new CellError(CellError.Kind.Interrupted, summary);
    }

    private String unresolvedMessage(UnresolvedReferenceException e) {
        DeclarationSnippet s = e.getSnippet();
        return s.name() + " cannot be used until " + shell.unresolvedDependencies(s).collect(Collectors.joining(", "))
                + " is declared";
    }

    private void noteUnresolved(DeclarationSnippet s) {
        List<String> missing = shell.unresolvedDependencies(s).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            PrintStream err = System.err;
            err.println("note: " + s.name() + " is declared, but cannot be used until "
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " declared");
        }
    }

    /** Completion at a cursor, from JShell's source analysis. */
    CellAnalysis.Completion complete(String code, int cursor) {
        awaitReady();
        return new CellAnalysis(shell.sourceCodeAnalysis()).complete(code, cursor);
    }

    /** Documentation of the name under the cursor. */
    List<String> documentation(String code, int cursor) {
        awaitReady();
        return new CellAnalysis(shell.sourceCodeAnalysis()).documentation(code, cursor);
    }

    /** The kernel protocol's answer to is-complete. */
    String isComplete(String code) {
        awaitReady();
        return new CellAnalysis(shell.sourceCodeAnalysis()).isComplete(code);
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private void awaitReady() {
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the kernel was starting", e);
        }
        if (startFailure != null) {
            throw new IllegalStateException("the kernel could not start JShell: " + startFailure.getMessage(),
                    startFailure);
        }
    }

    @Override
    public void close() {
        JShell s = shell;
        if (s != null) {
            s.close();
        }
    }

    /** Hands JShell the execution control the kernel made, instead of letting it start one. */
    private static final class Provider implements ExecutionControlProvider {
        private final ExecutionControl control;

        Provider(ExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "pagelab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
