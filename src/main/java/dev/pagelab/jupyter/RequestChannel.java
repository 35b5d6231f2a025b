package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import org.zeromq.ZMQ;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shell or the control socket, serving requests one at a time on its own thread. Unlike the base kernel's
 * channel, a message it cannot take (a wrong signature, a header that does not parse) is logged and dropped, and
 * the channel goes on serving: one forged message must not leave a kernel whose heartbeat answers and whose
 * shell is dead.
 */
final class RequestChannel extends ShellChannel {
    private static final Logger LOG = Logger.getLogger(RequestChannel.class.getName());
    /** How long one poll waits; also how soon the thread notices {@link #close()}. */
    private static final int POLL_MS = 100;

    private final KernelConnection connection;
    private final String name;
    /** Messages taken off the socket by {@link #holdWaiting()}, served before the socket's next ones. */
    private final Deque<Message<?>> held = new ArrayDeque<>();
    private volatile boolean servingHeld;
    private volatile boolean running;
    private volatile Thread thread;
    private ZMQ.Poller poller;

    /** The shell channel, or with {@code control} the control channel, of the connection. */
    RequestChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, KernelConnection connection) {
        super(context, hmac, control, connection);
        this.connection = connection;
        this.name = control ? "control" : "shell";
    }

    @Override
    public void bind(KernelConnectionProperties p) {
        int port = name.equals("control") ? p.getControlPort() : p.getShellPort();
        bind(formatAddress(p.getTransport(), p.getIp(), port));
        poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        Thread t = new Thread(this::serve, "pagelab-" + name);
        thread = t;
        t.start();
    }

    /**
     * Takes every message waiting on the socket now, to be served, in order, before any that comes later; while
     * they are served, {@link #servingHeld()} is true. Called on the channel's own thread, by a handler.
     */
    void holdWaiting() {
        while (poller.poll(0) > 0) {
            Message<?> message = receive();
            if (message != null) {
                held.add(message);
            }
        }
    }

    /** True while the channel serves a message that {@link #holdWaiting()} took. */
    boolean servingHeld() {
        return servingHeld;
    }

    private void serve() {
        while (running) {
            try {
                Message<?> message = held.poll();
                servingHeld = message != null;
                if (message == null && poller.poll(POLL_MS) > 0) {
                    message = receive();
                }
                if (message != null) {
                    dispatch(message);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.SEVERE, "the " + name + " channel could not serve a request", e);
                }
            }
        }
    }

    /** The next message, or null when it was dropped (and logged). */
    private Message<?> receive() {
        try {
            return readMessage();
        } catch (SecurityException e) {
            LOG.warning("dropped a message on the " + name + " channel: its signature is wrong (" + e.getMessage()
                    + ")");
        } catch (RuntimeException e) {
            LOG.warning("dropped a message on the " + name + " channel that could not be read: " + e);
        }
        return null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void dispatch(Message message) {
        String type = message.getHeader().getType().getName();
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warning("no handler for a " + type + " message on the " + name + " channel");
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the " + type + " handler failed", e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(4L * POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = thread;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
