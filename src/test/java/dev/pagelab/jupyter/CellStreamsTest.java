package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The kernel's stdout and stderr without Jupyter: what a cell's replies would publish, and what goes to the log. */
class CellStreamsTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final CellStreams streams = new CellStreams(new PrintStream(log, true, StandardCharsets.UTF_8));
    private final Recorder replies = new Recorder();

    @Test
    void stdoutAndStderr_areSentInTheOrderWritten_whenTheCellEnds() {
        // given
        Object cell = CellThreads.begin();
        streams.open(cell, replies);
        // when
        streams.out().println("to stdout");
        streams.err().println("to stderr");
        streams.out().print("no newline");
        int sent = streams.close(cell);
        CellThreads.end(cell);
        // then
        assertThat(replies.texts()).containsExactly("stdout:to stdout\n", "stderr:to stderr\n", "stdout:no newline");
        assertThat(sent).isEqualTo(3);
    }

    @Test
    void manyLines_goInBatchesOfAbout64KiB_everyLineInOrder() {
        Object cell = CellThreads.begin();
        streams.open(cell, replies);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            streams.out().println(i);
            expected.append(i).append('\n');
        }
        streams.close(cell);
        CellThreads.end(cell);

        // 1,288,890 bytes of text in 64 KiB batches: 20 of them, the last one short.
        assertThat(replies.texts()).hasSize(20);
        assertThat(String.join("", replies.texts()).replace("stdout:", "")).isEqualTo(expected.toString());
    }

    @Test
    void aCharacterCutInTwoByABatch_arrivesWhole() {
        // given: 'é' is two bytes in UTF-8, and the first write fills a batch with its first byte
        Object cell = CellThreads.begin();
        streams.open(cell, replies);
        byte[] text = ("x".repeat(CellStreams.BATCH_BYTES - 1) + "é!").getBytes(StandardCharsets.UTF_8);
        // when
        streams.out().write(text, 0, CellStreams.BATCH_BYTES);
        streams.out().write(text, CellStreams.BATCH_BYTES, text.length - CellStreams.BATCH_BYTES);
        streams.close(cell);
        CellThreads.end(cell);
        // then
        assertThat(replies.texts()).containsExactly("stdout:" + "x".repeat(CellStreams.BATCH_BYTES - 1), "stdout:é!");
    }

    @Test
    void closingSystemOut_onlyFlushesIt() {
        Object cell = CellThreads.begin();
        streams.open(cell, replies);
        streams.out().close();
        streams.out().println("after close");
        streams.close(cell);
        CellThreads.end(cell);

        assertThat(replies.texts()).containsExactly("stdout:after close\n");
    }

    @Test
    void aThreadOfAnEndedCell_printsToTheLog_notUnderTheCellRunningNow() throws Exception {
        // given: cell 1 starts a thread that prints after cell 1 has ended, while cell 2 runs
        Object first = CellThreads.begin();
        CountDownLatch firstEnded = new CountDownLatch(1);
        Thread cellThread = new Thread(() -> {
            CellThreads.enter();
            Thread late = new Thread(() -> {
                await(firstEnded);
                streams.out().println("late");
            });
            late.start();
        });
        cellThread.start();
        cellThread.join();
        CellThreads.end(first);
        Object second = CellThreads.begin();
        streams.open(second, replies);
        // when
        firstEnded.countDown();
        Thread.sleep(200);
        streams.out().println("second");
        streams.close(second);
        CellThreads.end(second);
        // then
        assertThat(replies.texts()).containsExactly("stdout:second\n");
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("late\n");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A cell's replies that keep what is published, stream messages as "name:text". */
    private static final class Recorder extends ShellReplyEnvironment {
        private final List<String> texts = new ArrayList<>();

        Recorder() {
            super(null, null, null, null);
        }

        @Override
        public <T extends ContentType<T>> void publish(T content) {
            synchronized (texts) {
                PublishStream s = (PublishStream) content;
                texts.add((s.getStreamType() == PublishStream.StreamType.OUT ? "stdout:" : "stderr:") + s.getText());
            }
        }

        @Override
        public void publish(Message<?> message) {
            throw new UnsupportedOperationException();
        }

        List<String> texts() {
            synchronized (texts) {
                return List.copyOf(texts);
            }
        }
    }
}
