package dev.pagelab.jupyter;

import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterInputStream;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

import java.util.List;
import java.util.Map;

/**
 * PageLab's Jupyter kernel: Java cells run by {@link Cells} in this JVM, values drawn by PageLab's renderers,
 * errors written for people. It answers execute and history requests itself: what a cell prints goes through
 * {@link CellStreams}, and after a failing cell whose request says {@code stop_on_error}, the execute requests
 * already queued are answered {@code aborted}, as IPython's kernel does, so "Run All" stops at the first error.
 */
final class PageLabKernel extends BaseKernel {
    /** The execute reply's metadata key for the number of outputs the cell had. */
    static final String OUTPUTS = "pagelab_outputs";

    private static volatile PageLabKernel current;

    private final Cells cells;
    private final LanguageInfo language;
    private final CellStreams streams;
    private volatile KernelConnection connection;

    /** A kernel; what is printed outside a running cell goes to the kernel's log, the {@code System.err} of now. */
    PageLabKernel(Cells cells) {
        this.cells = cells;
        this.streams = new CellStreams(System.err);
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
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            System.err.println("could not draw this " + value.getClass().getSimpleName() + ": "
                    + Tracebacks.describe(e.getClass().getName(), e.getMessage()));
            return new DisplayData(String.valueOf(value));
        }
    }

    /** Makes the kernel's streams {@code System.out}, {@code System.err} and {@code System.in}. */
    void installStreams() {
        streams.install();
        System.setIn(getIO().in);
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        if (connection instanceof KernelConnection k) {
            this.connection = k;
            connection.setHandler(MessageType.EXECUTE_REQUEST, this::execute);
            connection.setHandler(MessageType.HISTORY_REQUEST, PageLabKernel::history);
        }
    }

    /** Shows {@code data} in the running cell's output, after what the cell printed before. */
    @Override
    public void display(DisplayData data) {
        if (!streams.publish(new PublishDisplayData(data))) {
            System.err.println("display(...) outside a running cell is not shown");
        }
    }

    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        env.setStatusBusy();
        try {
            if (connection.abortingQueued()) {
                env.reply(aborted(message));
                return;
            }
            int count = executionCount.getAndIncrement();
            env.publish(new PublishExecuteInput(message.getContent().getCode(), count));
            commManager.setMessageContext(message);
            run(env, message, count);
        } finally {
            env.setStatusIdle();
        }
    }

    /**
     * Runs one cell: its output, then its result or error, then the reply, whose metadata tells how many outputs
     * the cell had ({@value #OUTPUTS}), so that a client can tell when one went missing.
     */
    private void run(ShellReplyEnvironment env, Message<ExecuteRequest> message, int count) {
        ExecuteRequest request = message.getContent();
        JupyterInputStream in = (JupyterInputStream) getIO().in;
        in.setEnv(env);
        in.setEnabled(request.isStdinEnabled());
        Object cell = CellThreads.begin();
        streams.open(cell, env);
        try {
            DisplayData value = eval(request.getCode(), count);
            int outputs = streams.close(cell);
            if (value != null) {
                env.publish(new PublishExecuteResult(count, value));
                outputs++;
            }
            env.reply(new Message<>(message, ExecuteReply.MESSAGE_TYPE, new ExecuteReply(count, Map.of()), null,
                    Map.of(OUTPUTS, outputs)));
        } catch (Exception | Error e) {
            // An Error too (a value's toString() that overflows the stack as it is drawn): the cell still gets
            // its error and its reply.
            int outputs = streams.close(cell) + 1;
            List<String> traceback = traceback(e);
            String name = e instanceof CellError ce ? ce.kind().name() : e.getClass().getSimpleName();
            String value = e.getMessage() == null ? "" : e.getMessage();
            env.publish(new PublishError(name, value, traceback));
            ErrorReply error = new ErrorReply(name, value, traceback);
            error.setExecutionCount(count);
            env.reply(errorReply(message, error, Map.of(OUTPUTS, outputs)));
            if (request.shouldStopOnError()) {
                connection.abortQueuedExecutes();
            }
        } finally {
            streams.close(cell);
            CellThreads.end(cell);
            in.retractEnv(env);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Message<?> errorReply(Message<ExecuteRequest> request, ErrorReply error, Map<String, Object> meta) {
        return new Message(request, ExecuteReply.MESSAGE_TYPE.error(), error, null, meta);
    }

    /** The reply to an execute request that is not run: {@code {"status": "aborted"}}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Message<?> aborted(Message<ExecuteRequest> request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "aborted");
        return new Message(request, ExecuteReply.MESSAGE_TYPE, content);
    }

    /** PageLab keeps no history: an empty one, so a front end that asks gets its reply. */
    private static void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setStatusBusy();
        env.reply(new HistoryReply(List.of()));
        env.setStatusIdle();
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        // BaseKernel counted this request already: the cell's number is one less than the next.
        return eval(code, executionCount.get() - 1);
    }

    private DisplayData eval(String code, int count) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(cells.classLoader());
        try {
            for (String problem : cells.takeStartupProblems()) {
                System.err.println(problem);
            }
            Object value = cells.run(code, count);
            return value == Cells.NO_VALUE ? null : render(value);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
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
        return traceback(e);
    }

    private static List<String> traceback(Throwable e) {
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
