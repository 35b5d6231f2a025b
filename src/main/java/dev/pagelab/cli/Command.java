package dev.pagelab.cli;

import dev.pagelab.trace.TraceFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;

/** What every command shares: a progress bar while it runs, and bad input reported as one line with exit code 2. */
final class Command {
    /** The body of a command, given its progress bar; returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run(ProgressBar bar);
    }

    /** A command's work, given its arguments, standard input and output and a progress bar; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(String[] args, InputStream stdin, PrintStream out, ProgressBar bar);
    }

    /** What messages call standard input, given as {@code -}. */
    static final String STDIN = "<standard input>";

    private Command() {}

    /** The name messages give a file argument: {@value #STDIN} for {@code -}, else the argument itself. */
    static String source(String argument) {
        return argument.equals("-") ? STDIN : argument;
    }

    /** Standard output or error as UTF-8, flushed line by line. */
    static PrintStream utf8(java.io.OutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }

    /**
     * A failure to read or write a file as the one line the user sees: a malformed record with its place, a missing
     * file, or the system's message, prefixed by {@code source} unless it names it already.
     */
    static UsageException fileError(IOException e, String source) {
        if (e instanceof NoSuchFileException missing) {
            return new UsageException((missing.getFile() != null ? missing.getFile() : source)
                    + ": no such file or folder", false);
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof TraceFormatException || message.contains(source)) {
            return new UsageException(message, false);
        }
        return new UsageException(source + ": " + message, false);
    }

    /**
     * The command {@code name}: its {@code work} run as {@link #run} runs a body, with {@code arguments} after
     * {@code usage: pagelab NAME} in the usage line.
     */
    static Main.Tool tool(String name, String arguments, Work work) {
        String usage = "usage: pagelab " + name + " " + arguments;
        return (args, stdin, out, err) -> run(name, usage, err, bar -> work.run(args, stdin, out, bar));
    }

    /**
     * Runs {@code body}; a {@link UsageException} becomes {@code pagelab NAME: message} on {@code err} (and the usage
     * line when the arguments were wrong) and exit code 2, as does running out of heap.
     */
    static int run(String name, String usage, PrintStream err, Body body) {
        try (ProgressBar bar = ProgressBar.on(err)) {
            return body.run(bar);
        } catch (UsageException e) {
            err.println("pagelab " + name + ": " + e.getMessage());
            if (e.showUsage()) {
                err.println(usage);
            }
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("pagelab " + name + ": out of heap (-Xmx); give the JVM more memory");
            return 2;
        }
    }
}
