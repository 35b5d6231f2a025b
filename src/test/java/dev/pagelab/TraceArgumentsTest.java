package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TraceArgumentsTest {

    @Test
    void negativePage_isRefusedWithItsValueAndPosition() {
        assertThatThrownBy(() -> trace(1, 2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trace(pages): page -1 at position 2 is negative; page numbers start at 0");
    }

    @Test
    void missingPages_areRefusedNamingTheArgument() {
        assertThatThrownBy(() -> trace((long[]) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trace(pages): the pages are missing (null)");
    }

    @Test
    void missingFile_isRefusedNamingTheArgument() {
        assertThatThrownBy(() -> trace((Path) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trace(file): the file is missing (null)");
        assertThatThrownBy(() -> trace((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trace(file): the file name is missing (null)");
    }

    @Test
    void pageZero_isAccepted() {
        assertThat(trace(0, 1, 0).size()).isEqualTo(3);
    }
}
