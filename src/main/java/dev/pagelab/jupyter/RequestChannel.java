package dev.pagelab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.adapters.HeaderAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryRequestAdapter;
import io.github.spencerpark.jupyter.messages.adapters.KernelTimestampAdapter;
import io.github.spencerpark.jupyter.messages.adapters.MessageTypeAdapter;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shell or the control socket, serving requests one at a time on its own thread. Unlike the base kernel's
 * channel, a message it cannot take (a wrong signature, frames that are not a Jupyter message, a header that does
 * not parse) is logged and dropped, and the channel goes on serving: one forged message must not leave a kernel
 * whose heartbeat answers and whose shell is dead.
 */
final class RequestChannel extends ShellChannel {
    private static final Logger LOG = Logger.getLogger(RequestChannel.class.getName());
    /** The frame between the routing identities and the signature. */
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** Reads requests' JSON as the base kernel's sockets do. */
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();
    private static final Type METADATA = new TypeToken<Map<String, Object>>() { }.getType();
    /** How long one poll waits; also how soon the thread notices {@link #close()}. */
    private static final int POLL_MS = 100;

    private final KernelConnection connection;
    private final String name;
    /** Messages taken off the socket by {@link #holdWaiting()}, served before the socket's next ones. */
    private final Deque<Message<?>> held = new ArrayDeque<>();
    private volatile boolean servingHeld;
    private volatile boolean running;
    private final CountDownLatch closed = new CountDownLatch(1);
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
            } catch (RuntimeException | Error e) {
                if (running) {
                    LOG.log(Level.SEVERE, "the " + name + " channel could not serve a request", e);
                }
            }
        }
    }

    /**
     * The next message, or null when it was dropped (and logged): all of its frames are read first, so a message
     * without the delimiter, with too few frames, a wrong signature or JSON that does not parse never takes frames
     * of the next one. The signature is compared in constant time.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Message<?> receive() {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(recv());
        } while (hasReceiveMore());
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            LOG.warning("dropped a message on the " + name + " channel: " + frames.size()
                    + " frames that are not a Jupyter message");
            return null;
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        String expected = hmacGenerator.calculateSignature(parts.toArray(byte[][]::new));
        if (expected != null && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            LOG.warning("dropped a message on the " + name + " channel: its signature is wrong");
            return null;
        }
        try {
            Header<?> header = GSON.fromJson(text(parts.get(0)), Header.class);
            JsonObject parentJson = JsonParser.parseString(text(parts.get(1))).getAsJsonObject();
            Header<?> parent = parentJson.size() == 0 ? null : GSON.fromJson(parentJson, Header.class);
            Map<String, Object> metadata = GSON.fromJson(text(parts.get(2)), METADATA);
            Object content = GSON.fromJson(text(parts.get(3)), header.getType().getContentType());
            return new Message(frames.subList(0, delimiter), header, parent, metadata, content,
                    frames.subList(delimiter + 6, frames.size()));
        } catch (RuntimeException e) {
            LOG.warning("dropped a message on the " + name + " channel that could not be read: " + e);
            return null;
        }
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
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
        } catch (RuntimeException | Error e) {
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
        closed.countDown();
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

    /**
     * Waits until the channel is closed, then a little for its thread to end: a shutdown request that comes on
     * the control channel while a cell that ignores interrupts keeps the shell's thread must still end the kernel.
     */
    @Override
    public void waitUntilClose() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            closed.await();
            t.join(4L * POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
