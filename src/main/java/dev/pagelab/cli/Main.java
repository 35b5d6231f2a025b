package dev.pagelab.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry point of the trace commands, {@code pagelab convert|curve|generate|replay ARGS}: the first argument
 * names the command, the rest are its own. Exits with the command's code, or 2 naming an unknown command.
 */
public final class Main {
    /** A command run with standard input, output and error given; returns its exit code. */
    @FunctionalInterface
    interface Tool {
        int run(String[] args, InputStream stdin, PrintStream out, PrintStream err);
    }

    private static final Map<String, Tool> COMMANDS = new TreeMap<>(Map.of(
            "convert", Command.tool("convert", "IN|- OUT|- [--to binary|pages|rwx|lackey] [--page-size BYTES]"
                    + " [--format binary|pages|rwx|lackey]", ConvertCommand::convert),
            "curve", Command.tool("curve", "TRACE|- --policy LRU,OPT,FIFO,CLOCK,... [--sizes N,A..B,...]"
                    + " [--sample RATE] [--png FILE] [--svg FILE] [--csv FILE] [--format F] [--page-size BYTES]",
                    CurveCommand::curve),
            "generate", Command.tool("generate", "OUT --references N [--shape zipf|uniform|loop|scan]"
                    + " [--pages P] [--exponent S] [--seed S] [--writes F] [--to binary|pages]", GenerateCommand::generate),
            "replay", ReplayCommand::run));

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, Command.utf8(System.out), Command.utf8(System.err)));
    }

    /** Runs the command {@code args[0]} with the arguments after it; returns its exit code. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Tool tool = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (tool == null) {
            err.println("pagelab: " + (args.length == 0 ? "name a command" : "no command \"" + args[0] + "\"")
                    + "; the trace commands are " + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        return tool.run(java.util.Arrays.copyOfRange(args, 1, args.length), stdin, out, err);
    }
}
