package dev.pagelab.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineChartTest {
    private static final long[] SIZES = {1024, 4096, 2L << 20};

    @Test
    void byteAxes_labelTicksAndTableAsSizes() {
        var chart = LineChart.of("waste", "page size", "bytes wasted").with("rounding", SIZES, new long[] {512, 2048, 1L << 20})
                .logX().logY().xBytes().yBytes();
        String svg = chart.svg();
        Markup.xml(svg);
        // Ticks are text, at powers of two: 512 bytes .. 1 MiB on y, every second power on x.
        assertThat(svg).contains(">512 bytes<").contains(">4 KiB<").contains(">1 MiB<").contains("page size (log scale)");
        assertThat(chart.html()).contains("<td style=\"border:1px solid #c8c8c8;padding:2px 6px;text-align:left;font-family:monospace\">2 MiB</td>")
                .contains(">1 MiB</td>");
        assertThat(chart).hasToString("line chart: waste · bytes wasted against page size: rounding (3 points)");
    }

    @Test
    void plainAxes_printNumbersTheSameInEveryLocale() {
        var chart = LineChart.of("TLB", "pages in the loop", "hit ratio").with("16 entries", new double[] {8, 16, 32},
                new double[] {0.875, 0.9375, 0});
        assertThat(LineChart.plain(0.9375)).isEqualTo("0.938");
        assertThat(LineChart.plain(1e7)).isEqualTo("10000000");
        assertThat(LineChart.plain(0.5)).isEqualTo("0.5");
        assertThat(chart.html()).contains(">32</td>").contains(">0.938</td>").contains(">0</td>");
        Markup.xml(chart.svg());
    }

    @Test
    void aLongTable_foldsUnderTheChart() {
        double[] x = new double[LineChart.OPEN_ROWS + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        String html = LineChart.of("t", "x", "y").with("a", x, x).html();
        assertThat(html).contains("<details").contains("The numbers (17 rows)</summary>").contains(">17</td>");
        Markup.fragment(html);
        String shortOne = LineChart.of("t", "x", "y").with("a", new double[] {1, 2}, new double[] {1, 2}).html();
        assertThat(shortOne).doesNotContain("<details").contains("The numbers");
    }

    @Test
    void linesWithDifferentXValues_drawButListNoTable() {
        var chart = LineChart.of("t", "x", "y").with("a", new long[] {1, 2}, new long[] {1, 2})
                .with("b", new long[] {1, 3}, new long[] {2, 1});
        assertThat(chart.html()).doesNotContain("<table");
        Markup.xml(chart.svg());
    }

    @Test
    void badData_isRefusedAtOnce_namingTheLineAndPoint() {
        var empty = LineChart.of("t", "x", "y");
        assertThatThrownBy(() -> empty.with("a", new long[] {1, 2}, new long[] {1}))
                .hasMessage("line \"a\" has 2 x values but 1 y values");
        assertThatThrownBy(() -> empty.with("a", new long[] {2, 1}, new long[] {1, 1}))
                .hasMessage("line \"a\": x values must ascend, but 2 comes before 1");
        assertThatThrownBy(() -> empty.with("a", new long[] {1, 2}, new long[] {0, 1}).logY())
                .hasMessage("a log scale cannot show y = 0 (line \"a\", point 0)");
        assertThatThrownBy(() -> empty.logX().with("a", new long[] {0, 2}, new long[] {1, 1}))
                .hasMessage("a log scale cannot show x = 0 (line \"a\", point 0)");
    }

    @Test
    void sameData_sameBytes() {
        var a = LineChart.of("t", "x", "y").with("a", SIZES, SIZES).logX().logY().xBytes().yBytes();
        var b = LineChart.of("t", "x", "y").with("a", SIZES, SIZES).logX().logY().xBytes().yBytes();
        assertThat(a.svg()).isEqualTo(b.svg());
        assertThat(a.png()).isEqualTo(b.png());
        assertThat(Markup.isPng(a.png())).isTrue();
    }
}
