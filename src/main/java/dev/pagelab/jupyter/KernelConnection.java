package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.GeneralSecurityException;

/**
 * The kernel's five sockets, with PageLab's own shell and control channels ({@link RequestChannel}) in place of
 * the base kernel's (the base connection still makes its own two, which are never bound), an IOPub socket that
 * queues messages for a slow front end instead of dropping them, and replies that carry the {@code status} the
 * messaging spec requires ({@link SpecReplies}).
 */
final class KernelConnection extends JupyterConnection {
    private final KernelConnectionProperties properties;
    private final ZMQ.Context context = ZMQ.context(1);
    private final RequestChannel shellRequests;
    private final RequestChannel controlRequests;
    private boolean connected;
    private boolean closed;

    KernelConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
        super(properties);
        this.properties = properties;
        HMACGenerator hmac = properties.createHMACGenerator();
        this.shellRequests = new RequestChannel(context, hmac, false, this);
        this.controlRequests = new RequestChannel(context, hmac, true, this);
        // ZeroMQ's PUB socket drops what is over its high-water mark (1,000 messages by default): a cell that
        // prints fast would lose lines and even its result. No limit: the kernel batches what cells print.
        iopub.setSndHWM(0);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(properties);
        shellRequests.bind(properties);
        controlRequests.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel channel, MessageContext request) {
        return new SpecReplies(channel, stdin, iopub, request);
    }

    /**
     * Marks the requests waiting on the shell socket now, before the failed cell's idle status goes out, as queued
     * behind it: a cell failed and its request said {@code stop_on_error}. Called by the execute handler, on the
     * shell's thread. Requests sent later, after the client saw the error, are not marked.
     */
    void abortQueuedExecutes() {
        shellRequests.holdWaiting();
    }

    /** True while the shell serves a request that was queued behind a failed cell: an execute is to be aborted. */
    boolean abortingQueued() {
        return shellRequests.servingHeld();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        controlRequests.close();
        shellRequests.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        shellRequests.waitUntilClose();
        controlRequests.waitUntilClose();
        super.waitUntilClose();
    }
}
