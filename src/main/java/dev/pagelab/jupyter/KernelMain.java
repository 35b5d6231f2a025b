package dev.pagelab.jupyter;

import dev.pagelab.PageLab;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the PageLab kernel: {@code java -jar pagelab-all.jar <connection file>}, as {@code kernel.json} does.
 * JShell and the renderers warm up on their own threads while Jupyter connects, so the first cell is quick.
 */
public final class KernelMain {
    /** The system property that sets the kernel's log level ({@code WARNING} unless set). */
    static final String LOG_PROPERTY = "pagelab.kernel.log";
    /** The argument that runs {@link #warmUp()} instead of a kernel. */
    static final String WARM_UP = "--warm-up";

    private KernelMain() {
    }

    /** Runs the kernel until Jupyter shuts it down; the one argument is the connection file. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(WARM_UP)) {
            warmUp();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -jar pagelab-all.jar CONNECTION_FILE   (Jupyter starts this from kernel.json)");
            System.exit(2);
        }
        quietLogging();
        Path connectionFile = Path.of(args[0]);
        KernelConfig config = KernelConfig.fromSystem();

        Cells cells = new Cells(config);
        daemon("pagelab-jshell-start", cells::start);
        daemon("pagelab-render-warmup", KernelMain::warmUpRenderers);

        KernelConnection connection = new KernelConnection(
                KernelConnectionProperties.parse(Files.readString(connectionFile)));
        PageLabKernel kernel = new PageLabKernel(cells);
        PageLabKernel.setCurrent(kernel);
        kernel.installStreams();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        PageLabKernel.setCurrent(null);
        System.exit(0);
    }

    /**
     * A kernel's work without Jupyter: start JShell, run a cell that draws, a cell that does not compile and one
     * that throws. The launcher runs it once per jar to record the classes a kernel loads (a CDS archive).
     */
    private static void warmUp() throws Exception {
        quietLogging();
        Cells cells = new Cells(KernelConfig.fromSystem());
        cells.start();
        PageLabKernel kernel = new PageLabKernel(cells);
        cells.run(JJavaExtension.IMPORTS, 0);
        kernel.render(cells.run("var s = space();\ns.reserve(kb(16)).commit(0, kb(4))", 1));
        for (String failing : List.of("int x = \"x\";", "throw new IllegalStateException()", "System.exit(0)")) {
            try {
                cells.run(failing, 2);
            } catch (CellError expected) {
                kernel.formatError(expected);
            }
        }
        cells.complete("space().res", 11);
        cells.close();
        // The Jupyter side: bind the five sockets on loopback, announce "starting", close.
        KernelConnection connection = new KernelConnection(KernelConnectionProperties.parse(loopbackConnection()));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.close();
    }

    /** A connection file's content for five free loopback ports and a throw-away key. */
    private static String loopbackConnection() throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = s.getLocalPort();
            }
        }
        return String.format("{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"shell_port\": %d,"
                + " \"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d,"
                + " \"signature_scheme\": \"hmac-sha256\", \"key\": \"warm-up\"}",
                ports[0], ports[1], ports[2], ports[3], ports[4]);
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Draws one small space, so the first picture a notebook asks for does not pay for class loading. */
    private static void warmUpRenderers() {
        try {
            MimeBundles.of(PageLab.space());
        } catch (RuntimeException | LinkageError ignored) {
            // A failure here shows again, with its message, when a cell draws something.
        }
    }

    private static void quietLogging() {
        Level level = Level.parse(System.getProperty(LOG_PROPERTY, "WARNING"));
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (var handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        Logger.getLogger("Jupyter").setLevel(level);
    }
}
