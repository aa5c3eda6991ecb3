package dev.pythonfips.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small wrapper over the docker CLI for what fabric8 does not do: image size, and running the conformance check.
 * It talks to the engine fabric8 uses ({@link #useEngine}: fabric8's dockerHost, else DOCKER_HOST), and every
 * {@code docker run} gets {@code --pull=never} (Docker 20.10+): a missing image fails instead of being pulled.
 */
final class DockerCli {

    /** DOCKER_HOST for every command; null: the CLI's default (environment, context, /var/run/docker.sock). */
    private static volatile String engine;
    private static volatile boolean engineTls;
    /** The docker client to run (tests put a stand-in here). */
    static volatile String executable = "docker";

    record Result(int exitCode, String stdout, String stderr) {
    }

    private DockerCli() {
    }

    /**
     * Points every later command at {@code dockerHost} (fabric8 syntax: unix://, tcp://, http://, https://); null or
     * blank: the CLI's own default.
     */
    static void useEngine(String dockerHost) {
        String h = dockerHost == null || dockerHost.isBlank() ? null : dockerHost.trim();
        engineTls = h != null && h.startsWith("https://");
        if (h != null && (h.startsWith("http://") || h.startsWith("https://"))) {
            h = "tcp://" + h.substring(h.indexOf("://") + 3);
        }
        engine = h;
    }

    /** The engine commands go to, for messages. */
    static String engine() {
        String e = engine;
        return e != null ? e : System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock (the docker CLI default)");
    }

    /**
     * True when the engine runs on this machine (a unix socket), so this machine's binfmt_misc is the one its
     * containers see.
     */
    static boolean engineIsLocal() {
        String e = engine != null ? engine : System.getenv("DOCKER_HOST");
        return e == null || e.isBlank() || e.startsWith("unix://");
    }

    /** The engine's own platform, e.g. {@code linux/amd64} ({@code docker version}: Server Os/Arch). */
    static String enginePlatform() throws IOException {
        Result r = run(List.of("version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"), 60);
        if (r.exitCode() != 0 || !r.stdout().trim().matches("[a-z0-9]+/[a-z0-9_]+")) {
            throw new IOException("cannot ask the docker engine " + engine() + " for its platform (docker version exited "
                    + r.exitCode() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).trim() + ")");
        }
        return r.stdout().trim();
    }

    /** The platform a local image's config names: {@code os/architecture}, plus {@code /variant} when it has one. */
    static String imagePlatform(String ref) throws IOException {
        String osArch = inspect(ref, "{{.Os}}/{{.Architecture}}")
                .orElseThrow(() -> new IOException("no image " + ref + " in the engine " + engine()));
        String variant = "";
        try {
            variant = inspect(ref, "{{.Variant}}").orElse("");
        } catch (IOException older) {
            // engines before API 1.40 do not report a variant
        }
        return variant.isBlank() || variant.equals("<no value>") ? osArch : osArch + "/" + variant;
    }

    /**
     * {@code docker args...}, both streams read while it runs, stopped at {@code timeoutSeconds}: the client is killed
     * and, for {@code docker run}, the container too ({@code docker rm -f}; every run gets a {@code --name} for that
     * unless it has one). A {@code docker run} never pulls ({@code --pull=never}).
     *
     * @throws IllegalArgumentException when the timeout is not positive
     * @throws IOException              when docker cannot start, or was stopped at the timeout
     */
    static Result run(List<String> args, long timeoutSeconds) throws IOException {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("a timeout must be positive: " + timeoutSeconds);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        String container = null;
        if (!args.isEmpty() && args.get(0).equals("run")) {
            if (args.stream().noneMatch(a -> a.startsWith("--pull"))) {
                cmd.add(2, "--pull=never");
            }
            int named = args.indexOf("--name");
            if (named >= 0 && named + 1 < args.size()) {
                container = args.get(named + 1);
            } else {
                container = "python-fips-" + java.util.UUID.randomUUID();
                cmd.addAll(2, List.of("--name", container));
            }
        }
        Process p = processBuilder(cmd).start();
        p.getOutputStream().close();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread out = drain(p.getInputStream(), stdout);
        Thread err = drain(p.getErrorStream(), stderr);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                if (container != null) {
                    run(List.of("rm", "-f", container), 60);
                }
                throw new IOException("docker " + String.join(" ", args) + " was stopped after " + timeoutSeconds
                        + " s (the timeout)" + (container != null ? "; container " + container + " removed" : ""));
            }
            out.join(10_000);
            err.join(10_000);
            synchronized (stdout) {
                synchronized (stderr) {
                    return new Result(p.exitValue(), stdout.toString(), stderr.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (engine != null) {
            pb.environment().put("DOCKER_HOST", engine);
            if (engineTls) {
                pb.environment().put("DOCKER_TLS_VERIFY", "1");
            }
        }
        return pb;
    }

    /** Starts {@code docker args...} on the same engine, stdout for the caller to stream (stderr to a file). */
    static Process start(List<String> args, java.io.File stderr) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        return processBuilder(cmd).redirectError(stderr).start();
    }

    /** The engine's version ({@code docker version --format {{.Server.Version}}}). */
    static String engineVersion() throws IOException {
        Result r = run(List.of("version", "--format", "{{.Server.Version}}"), 60);
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new IOException("docker version on " + engine() + " failed: " + r.stderr().trim());
        }
        return r.stdout().trim();
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

    /** {@code docker image inspect --format FORMAT ref}, trimmed, or empty when the engine has no such image. */
    static java.util.Optional<String> inspect(String ref, String format) throws IOException {
        Result r = run(List.of("image", "inspect", "--format", format, ref), 60);
        if (r.exitCode() != 0) {
            if (r.stderr().contains("No such image") || r.stderr().contains("No such object")) {
                return java.util.Optional.empty();
            }
            throw new IOException("docker image inspect " + ref + " on " + engine() + " failed: " + r.stderr().trim());
        }
        return java.util.Optional.of(r.stdout().trim());
    }

    static String humanSize(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /**
     * {@code docker run --rm -i --name NAME ARGS...} with {@code stdin} on its standard input, stopped when it takes
     * longer than {@code timeoutSeconds}: the client is killed and the container removed ({@code docker rm -f NAME}),
     * so nothing keeps running. Both streams are read while it runs.
     */
    static Result runWithInput(String name, List<String> args, byte[] stdin, long timeoutSeconds) throws IOException {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("a timeout must be positive: " + timeoutSeconds);
        }
        List<String> cmd = new ArrayList<>(List.of(executable, "run", "--pull=never", "--rm", "-i", "--name", name));
        cmd.addAll(args);
        Process p = processBuilder(cmd).start();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread out = drain(p.getInputStream(), stdout);
        Thread err = drain(p.getErrorStream(), stderr);
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException closed) {
            // the container ended before reading everything: its exit status says why
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                run(List.of("rm", "-f", name), 60);
                throw new IOException("docker run " + name + " was stopped after " + timeoutSeconds + " s (the timeout)");
            }
            out.join(10_000);
            err.join(10_000);
            return new Result(p.exitValue(), stdout.toString(), stderr.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            run(List.of("rm", "-f", name), 60);
            throw new IOException("interrupted", e);
        }
    }

    private static Thread drain(java.io.InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            try {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (into) {
                    into.append(text);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
