package dev.pythonfips.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small wrapper over the docker CLI for what fabric8 does not do: image size, and running the conformance check. */
final class DockerCli {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private DockerCli() {
    }

    static Result run(List<String> args, long timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        try {
            var out = p.getInputStream();
            var err = p.getErrorStream();
            StringBuilder stderr = new StringBuilder();
            Thread t = new Thread(() -> {
                try {
                    stderr.append(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.start();
            String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker " + String.join(" ", args) + " timed out after " + timeoutSeconds + " s");
            }
            t.join();
            return new Result(p.exitValue(), stdout, stderr.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Size of a local image in bytes, or -1 when unknown. */
    static long imageSize(String image) {
        try {
            Result r = run(List.of("image", "inspect", "--format", "{{.Size}}", image), 60);
            return r.exitCode() == 0 ? Long.parseLong(r.stdout().trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    static String humanSize(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
