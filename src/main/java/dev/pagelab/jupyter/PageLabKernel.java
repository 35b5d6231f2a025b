package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

import java.util.List;

/**
 * PageLab's Jupyter kernel: Java cells run by {@link Cells} in this JVM, values drawn by PageLab's renderers,
 * errors written for people.
 */
final class PageLabKernel extends BaseKernel {
    private static volatile PageLabKernel current;

    private final Cells cells;
    private final LanguageInfo language;

    PageLabKernel(Cells cells) {
        this.cells = cells;
        this.language = new LanguageInfo.Builder("java")
                .version(String.valueOf(Runtime.version().feature()))
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
        PageLabRenderers.register(getRenderer());
    }

    /** The kernel running in this JVM, or null outside one. */
    static PageLabKernel current() {
        return current;
    }

    static void setCurrent(PageLabKernel kernel) {
        current = kernel;
    }

    /**
     * Renders a value as the kernel would show it; when drawing fails, the value's text, and the failure on
     * stderr, so a picture's bug never hides the value.
     */
    DisplayData render(Object value) {
        if (value == null) {
            return new DisplayData("null");
        }
        try {
            return getRenderer().render(value);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("could not draw this " + value.getClass().getSimpleName() + ": "
                    + Tracebacks.describe(e.getClass().getName(), e.getMessage()));
            return new DisplayData(String.valueOf(value));
        }
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.HISTORY_REQUEST, PageLabKernel::history);
    }

    /** PageLab keeps no history: an empty one, so a front end that asks gets its reply. */
    private static void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setStatusBusy();
        env.reply(new HistoryReply(List.of()));
        env.setStatusIdle();
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(cells.classLoader());
        try {
            for (String problem : cells.takeStartupProblems()) {
                System.err.println(problem);
            }
            // BaseKernel counted this request already: the cell's number is one less than the next.
            Object value = cells.run(code, executionCount.get() - 1);
            flush();
            return value == Cells.NO_VALUE ? null : render(value);
        } finally {
            flush();
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void flush() {
        System.out.flush();
        System.err.flush();
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellAnalysis.Completion c = cells.complete(code, at);
        return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = cells.documentation(code, at);
        return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
    }

    @Override
    public String isComplete(String code) {
        return cells.isComplete(code);
    }

    @Override
    public void interrupt() {
        cells.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        cells.close();
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError ce) {
            return ce.traceback();
        }
        return List.of("internal error in the PageLab kernel: " + e);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return language;
    }

    @Override
    public String getBanner() {
        return "PageLab on Java " + Runtime.version() + ": the DSL and the Win32 facade are imported";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("JShell", "https://docs.oracle.com/en/java/javase/17/jshell/"));
    }
}
