package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void theFirstArgumentNamesTheCommand_andTheRestAreItsOwn() {
        Cli viaMain = Cli.run(Main::run, new byte[0], "generate", "--references", "3");
        Cli direct = Cli.generate("--references", "3");

        assertThat(viaMain.code()).isEqualTo(2).isEqualTo(direct.code());
        assertThat(viaMain.err()).startsWith("pagelab generate: ").isEqualTo(direct.err());
    }

    @Test
    void anUnknownOrMissingCommand_isNamed_withTheKnownOnes() {
        Cli unknown = Cli.run(Main::run, new byte[0], "curves", "x.trace");
        Cli none = Cli.run(Main::run, new byte[0]);

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("pagelab: no command \"curves\"; the trace commands are convert, curve, "
                + "generate, replay\n");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("pagelab: name a command;");
        assertThat(unknown.out()).isEmpty();
    }
}
