package dev.pagelab.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A command run in the test's JVM: its exit code, standard output and standard error. */
record Cli(int code, String out, String err, byte[] outBytes) {

    interface Main {
        int run(String[] args, InputStream stdin, PrintStream out, PrintStream err);
    }

    static Cli run(Main main, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    static Cli convert(String... args) {
        return run(ConvertCommand::run, new byte[0], args);
    }

    static Cli curve(String... args) {
        return run(CurveCommand::run, new byte[0], args);
    }

    static Cli generate(String... args) {
        return run(GenerateCommand::run, new byte[0], args);
    }
}
