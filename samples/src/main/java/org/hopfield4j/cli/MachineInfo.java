package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hopfield4j.NativeRuntime;

/** The machine a benchmark ran on, in one line. */
final class MachineInfo {
    private MachineInfo() {}

    /**
     * {@link NativeRuntime#describe()} plus the CPU model and the load average where the OS tells
     * them (a busy machine makes timings worthless; the load average shows it).
     */
    static String describe() {
        String load = loadAverage();
        return NativeRuntime.describe() + ", CPU " + cpuModel() + (load.isEmpty() ? "" : ", load average " + load);
    }

    /** The 1-minute load average of /proc/loadavg (Linux), or "". */
    static String loadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg")).strip();
            return text.isEmpty() ? "" : text.split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The "model name" of /proc/cpuinfo (Linux), or "unknown". */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
