package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line in a JVM of its own, on this test's class path: for what an in-process run cannot
 * show (signals, the process's real standard output, its environment, raw-byte arguments).
 */
final class ChildCli {
    private ChildCli() {}

    /** {@code java -Xmx512m -cp <test class path> org.hopfield4j.cli.Main}, ready for the CLI's arguments. */
    static List<String> command() {
        return command("512m");
    }

    /** As {@link #command()} with a heap of {@code maxHeap} (e.g. "40m"). */
    static List<String> command(String maxHeap) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }

    /** A process builder for the CLI with {@code cliArgs}, and {@code environment} added to the inherited one. */
    static ProcessBuilder builder(List<String> cliArgs, Map<String, String> environment) {
        List<String> command = command();
        command.addAll(cliArgs);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        return pb;
    }

    /** Starts the CLI with {@code cliArgs}, stdout and stderr together to {@code log}. */
    static Process start(List<String> cliArgs, Path log) throws IOException {
        return builder(cliArgs, Map.of()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
