package dev.pagelab.jupyter;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;

/**
 * Where one request's replies go. The base kernel leaves {@code status} out of several replies (kernel_info,
 * comm_info, history, shutdown, interrupt) though every reply must carry it (messaging spec 5.x): a reply without
 * one is sent with {@code "status": "ok"}; the others go as they are.
 */
final class SpecReplies extends ShellReplyEnvironment {
    private static final Gson GSON = new Gson();

    SpecReplies(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext request) {
        super(shell, stdin, iopub, request);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void reply(Message<?> message) {
        JsonElement content = GSON.toJsonTree(message.getContent());
        if (!content.isJsonObject() || content.getAsJsonObject().has("status")) {
            super.reply(message);
            return;
        }
        JsonObject withStatus = content.getAsJsonObject();
        withStatus.addProperty("status", "ok");
        super.reply(new Message(message.getIdentities(), message.getHeader(), message.getParentHeader(),
                message.getMetadata(), withStatus, message.getBlobs()));
    }
}
