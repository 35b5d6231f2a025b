package dev.pagelab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.internal.SplitMix64;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceGenerator;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** SHARDS, the LRU miss-ratio curve estimated from a spatial sample of the pages. */
class ShardsTest {

    @Test
    void onAGeneratedZipfTrace_theSampledCurveIsCloseToTheExactOne() throws IOException {
        Trace trace = TraceGenerator.zipf(100_000, 0.9, 7).trace(2_000_000);
        MissRatioCurve exact = Replay.of(trace).curve(Policy.LRU);
        MissRatioCurve sampled = Replay.of(trace).sampledCurve(0.05);
        int[] sizes = sampled.sizes();
        double error = 0;
        int counted = 0;
        for (int size : sizes) {
            if (size >= 1 / 0.05 * 10) { // sizes of at least ten sampled frames: below that SHARDS has no resolution
                error += Math.abs(sampled.missRatioAt(size) - exact.missRatioAt(size));
                counted++;
            }
        }
        assertThat(counted).isGreaterThan(40);
        assertThat(error / counted).as("mean absolute error of the miss ratio").isLessThan(0.01);
        assertThat(sampled.references()).isEqualTo(exact.references());
        assertThat((double) sampled.pages()).isCloseTo(exact.pages(), org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(sampled.policy()).isEqualTo("LRU (SHARDS, rate 0.05)");
    }

    @Test
    void atRateOne_everyPageIsSampled_andTheCurveIsExact() throws IOException {
        Trace trace = TraceGenerator.zipf(5_000, 0.8, 3).trace(200_000);
        MissRatioCurve exact = Replay.of(trace).curve(Policy.LRU);
        MissRatioCurve sampled = Replay.of(trace).sampledCurve(1);
        for (int size : sampled.sizes()) {
            assertThat(sampled.faultsAt(size)).as("faults at %d frames", size).isEqualTo(exact.faultsAt(size));
        }
    }

    @Test
    void givenSizes_areTheSizesOfTheCurve() throws IOException {
        Trace trace = TraceGenerator.zipf(5_000, 0.8, 3).trace(100_000);
        MissRatioCurve sampled = Replay.of(trace).sampledCurve(0.1, 500, 50, 5000);
        assertThat(sampled.sizes()).containsExactly(50, 500, 5000);
        assertThat(sampled.everySize()).isFalse();
        long[] faults = sampled.faults();
        assertThat(faults[0]).isGreaterThanOrEqualTo(faults[1]);
        assertThat(faults[1]).isGreaterThanOrEqualTo(faults[2]);
    }

    @Test
    void badRates_andEmptySamples_areRefusedWithTheReason() throws IOException {
        Replay replay = Replay.of(PageTrace.of(1, 2, 3));
        assertThatThrownBy(() -> replay.sampledCurve(0)).hasMessageContaining("sampling rate 0.0 is not in (0, 1]");
        assertThatThrownBy(() -> replay.sampledCurve(1.5)).hasMessageContaining("not in (0, 1]");
        assertThatThrownBy(() -> replay.sampledCurve(Double.NaN)).hasMessageContaining("not in (0, 1]");
        // at the smallest rate, a threshold of 1 in 2^24: these three pages are all left out
        assertThat(Shards.sampled(1, 1) || Shards.sampled(2, 1) || Shards.sampled(3, 1)).isFalse();
        assertThatThrownBy(() -> replay.sampledCurve(1e-9)).hasMessageContaining("raise the rate");
        assertThat(Replay.of(PageTrace.of()).sampledCurve(0.5).references()).isZero();
    }

    @Property(tries = 100)
    void theHash_isTheFirstValueOfAGeneratorSeededWithTheValue(@ForAll long value) {
        assertThat(SplitMix64.hash(value)).isEqualTo(new SplitMix64(value).nextLong());
    }
}
