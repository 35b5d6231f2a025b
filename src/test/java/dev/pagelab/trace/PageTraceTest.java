package dev.pagelab.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTraceTest {

    @Test
    void describesItselfShortly() {
        assertThat(PageTrace.of(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5)).hasToString("trace of 12 references over 5 pages");
        assertThat(PageTrace.of(3)).hasToString("trace of 1 reference over 1 page");
        assertThat(PageTrace.of()).hasToString("trace of 0 references over 0 pages");
    }

    @Test
    void readsInBatchesAndAgainFromTheStart() throws IOException {
        PageTrace trace = PageTrace.of(new long[] {5, 6, 7}, new byte[] {ReferenceReader.READ, ReferenceReader.WRITE,
                ReferenceReader.EXECUTE});
        for (int round = 0; round < 2; round++) {
            try (ReferenceReader reader = trace.open()) {
                long[] values = new long[2];
                byte[] kinds = new byte[2];
                assertThat(reader.pageNumbers()).isTrue();
                assertThat(reader.read(values, kinds, 2)).isEqualTo(2);
                assertThat(values).containsExactly(5, 6);
                assertThat(kinds).containsExactly(ReferenceReader.READ, ReferenceReader.WRITE);
                assertThat(reader.read(values, kinds, 2)).isEqualTo(1);
                assertThat(values[0]).isEqualTo(7);
                assertThat(kinds[0]).isEqualTo(ReferenceReader.EXECUTE);
                assertThat(reader.read(values, kinds, 2)).isEqualTo(-1);
            }
        }
    }

    @Test
    void itsReaderChecksEachBatchAndRefusesToReadWhenClosed() throws IOException {
        PageTrace trace = PageTrace.of(5, 6, 7);
        ReferenceReader reader = trace.open();
        assertThatThrownBy(() -> reader.read(new long[2], new byte[3], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch of 3 references does not fit arrays of 2 values and 3 kinds");
        assertThat(reader.read(new long[3], new byte[3], 3)).isEqualTo(3);
        reader.close();
        assertThatThrownBy(() -> reader.read(new long[3], new byte[3], 3)).isInstanceOf(IOException.class)
                .hasMessage("trace of 3 references over 3 pages: the reader is closed");
    }

    @Test
    void isAValueWithCopiedArrays() {
        long[] pages = {1, 2, 3};
        PageTrace trace = PageTrace.of(pages);
        pages[0] = 99;
        assertThat(trace.page(0)).isEqualTo(1);
        assertThat(trace).isEqualTo(PageTrace.of(1, 2, 3)).hasSameHashCodeAs(PageTrace.of(1, 2, 3));
        assertThat(trace).isNotEqualTo(PageTrace.of(new long[] {1, 2, 3}, new byte[] {0, 1, 0}));
        assertThat(trace.distinctPages()).isEqualTo(3);
        assertThat(trace.kind(2)).isEqualTo(ReferenceReader.READ);
        assertThatThrownBy(() -> PageTrace.of(new long[] {1}, new byte[] {4})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("access kind 4 at index 0");
    }

    @Test
    void then_joinsPhasesInOrder_keepingAccessKinds() {
        PageTrace phases = PageTrace.of(1, 2).then(PageTrace.of(new long[] {7, 8}, new byte[] {ReferenceReader.WRITE,
                ReferenceReader.READ})).then(PageTrace.of(1));
        assertThat(phases.pages()).containsExactly(1, 2, 7, 8, 1);
        assertThat(phases.kind(1)).isEqualTo(ReferenceReader.READ);
        assertThat(phases.kind(2)).isEqualTo(ReferenceReader.WRITE);
        assertThat(PageTrace.of(1, 2).then(PageTrace.of(3))).isEqualTo(PageTrace.of(1, 2, 3));
        assertThatThrownBy(() -> PageTrace.of(1).then(null)).hasMessageContaining("then(null)");
    }
}
