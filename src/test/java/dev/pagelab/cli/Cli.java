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

    /** {@code pagelab NAME ARGS}, through the entry point as the launcher runs it. */
    static Cli command(String name, byte[] stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return run(dev.pagelab.cli.Main::run, stdin, all);
    }

    static Cli convert(String... args) {
        return command("convert", new byte[0], args);
    }

    static Cli curve(String... args) {
        return command("curve", new byte[0], args);
    }

    static Cli generate(String... args) {
        return command("generate", new byte[0], args);
    }
}
