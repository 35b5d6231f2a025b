package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayoutAndHexTest {

    @Test
    void windowsX64_hasFourLevelsOf512() {
        Layout l = Layout.WINDOWS_X64;
        assertThat(l.pageSize()).isEqualTo(4096);
        assertThat(l.granularity()).isEqualTo(65536);
        assertThat(l.levels()).isEqualTo(4);
        assertThat(l.bitsPerLevel()).isEqualTo(9);
        assertThat(l.maxAddress()).isEqualTo(0x7FFF_FFFF_0000L);
    }

    @Test
    void largerPages_needFewerLevels() {
        // 64 KiB pages hold 8192 entries per table page (13 bits); 47 - 16 = 31 bits of page number: 3 levels.
        assertThat(Layout.WINDOWS_X64.pageSize(65536).levels()).isEqualTo(3);
        // 1 KiB pages: 128 entries (7 bits); 37 bits of page number: 6 levels.
        assertThat(Layout.WINDOWS_X64.pageSize(1024).levels()).isEqualTo(6);
    }

    @Test
    void tooFewLevels_sayHowManyAreNeeded() {
        assertThatThrownBy(() -> Layout.WINDOWS_X64.levels(3))
                .hasMessageContaining("needs 35")
                .hasMessageContaining("at least 4 levels");
    }

    @Test
    void badPageSizes_areRefused() {
        assertThatThrownBy(() -> Layout.WINDOWS_X64.pageSize(3000)).hasMessageContaining("power of two");
    }

    @Test
    void addresses_areGroupedByFourHexDigits() {
        assertThat(Hex.address(0x7ff612340000L)).isEqualTo("0x7ff6_1234_0000");
        assertThat(Hex.address(0x10000)).isEqualTo("0x1_0000");
        assertThat(Hex.address(0)).isEqualTo("0x0");
        assertThat(Hex.address(-1)).isEqualTo("0xffff_ffff_ffff_ffff");
    }

    @Test
    void sizes_roundDownSoTheyNeverOverstate() {
        assertThat(Hex.size(16384)).isEqualTo("16 KiB");
        assertThat(Hex.size((1L << 47) - (2L << 16))).isEqualTo("127.99 TiB");
        assertThat(Hex.size(1)).isEqualTo("1 byte");
        assertThat(Hex.size((1L << 20) + 4096)).as("not 1 MiB: it is more").isEqualTo("1 MiB + 4 KiB");
        assertThat(Hex.size((16L << 30) + (32 << 10))).isEqualTo("16 GiB + 32 KiB");
        assertThat(Hex.size(1025)).isEqualTo("1 KiB + 1 byte");
        assertThat(Hex.size((1L << 20) + (1L << 19))).isEqualTo("1.5 MiB");
    }

    @Test
    void smallPages_keepTheirDerivedLevelsThroughOtherSettings() {
        // 256-byte pages hold 32 entries (5 bits) per table page; 39 bits of page number need 8 levels.
        Layout small = Layout.WINDOWS_X64.pageSize(256);
        assertThat(small.levels()).isEqualTo(8);
        assertThat(small.guardWithNoAccess(true).levels()).isEqualTo(8);
        assertThat(small.granularity(1 << 16).levels()).isEqualTo(8);
        assertThatThrownBy(() -> Layout.WINDOWS_X64.levels(7)).hasMessageContaining("at most 6");
    }

    @Test
    void allocationTypes_readAsC_writesThem() {
        org.assertj.core.api.Assertions.assertThat(Flags.allocationTypeName(Flags.MEM_COMMIT | Flags.MEM_RESERVE))
                .isEqualTo("MEM_COMMIT|MEM_RESERVE");
        org.assertj.core.api.Assertions.assertThat(Flags.allocationTypeName(Flags.MEM_RELEASE)).isEqualTo("MEM_RELEASE");
        org.assertj.core.api.Assertions.assertThat(Flags.allocationTypeName(Flags.MEM_RESERVE | 0x4)).isEqualTo("MEM_RESERVE|0x4");
        org.assertj.core.api.Assertions.assertThat(Flags.allocationTypeName(0)).isEqualTo("0");
    }
}
