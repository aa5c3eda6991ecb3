package dev.pythonfips.maven.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.Platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI on one engine: the one fabric8 uses ({@code <dockerHost>}, else DOCKER_HOST, else the CLI's default).
 * Each instance holds its engine (no global state). Every {@code docker run} gets {@code --pull=never} (Docker
 * 20.10+) and a name, so a missing image fails instead of being pulled and a run stopped at its timeout is removed.
 * Besides {@link ContainerEngine}, the CLI itself ({@link #cli}) for what the build, push, SBOM and export goals ask
 * of docker directly.
 */
public final class DockerEngine implements ContainerEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** DOCKER_HOST for every command; null: the CLI's default (environment, context, /var/run/docker.sock). */
    private final String host;
    private final boolean tls;
    /** The docker client to run (tests give a stand-in). */
    private final String executable;

    /**
     * The engine at {@code dockerHost} (fabric8 syntax: unix://, tcp://, http://, https://); null or blank: the CLI's
     * own default.
     */
    public DockerEngine(String dockerHost) {
        this(dockerHost, "docker");
    }

    /** The same with another docker client (a stand-in in tests). */
    public DockerEngine(String dockerHost, String executable) {
        String h = dockerHost == null || dockerHost.isBlank() ? null : dockerHost.trim();
        this.tls = fabric8SpeaksTls(h != null ? h : System.getenv("DOCKER_HOST"));
        if (h != null && (h.startsWith("http://") || h.startsWith("https://"))) {
            h = "tcp://" + h.substring(h.indexOf("://") + 3);
        }
        this.host = h;
        this.executable = executable;
    }

    /**
     * Whether fabric8 speaks TLS to this engine, so that the docker CLI must too ({@code DOCKER_TLS_VERIFY}, with the
     * certificates of {@code DOCKER_CERT_PATH}): {@code https://}, and {@code tcp://} on any port but 2375 (fabric8's
     * rule: only {@code :2375} is plain HTTP). So a plain-TCP engine must listen on 2375.
     */
    static boolean fabric8SpeaksTls(String dockerHost) {
        if (dockerHost == null) {
            return false;
        }
        String h = dockerHost.trim();
        return h.startsWith("https://") || (h.startsWith("tcp://") && !h.contains(":2375"));
    }

    @Override
    public String name() {
        return host != null ? host : System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock (the docker CLI default)");
    }

    @Override
    public boolean local() {
        String e = host != null ? host : System.getenv("DOCKER_HOST");
        return e == null || e.isBlank() || e.startsWith("unix://");
    }

    @Override
    public Platform platform() throws IOException {
        Result r = cli(List.of("version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"), 60);
        if (r.exitCode() != 0 || !r.stdout().trim().matches("[a-z0-9]+/[a-z0-9_]+")) {
            throw new IOException("cannot ask the docker engine " + name() + " for its platform (docker version exited "
                    + r.exitCode() + ": " + r.output() + ")");
        }
        return Platform.parse(r.stdout().trim());
    }

    @Override
    public Optional<String> imageId(String ref) throws IOException {
        return inspect(ref, "{{.Id}}");
    }

    @Override
    public String imagePlatform(String ref) throws IOException {
        String osArch = inspect(ref, "{{.Os}}/{{.Architecture}}")
                .orElseThrow(() -> new IOException("no image " + ref + " in the engine " + name()));
        String variant = "";
        try {
            variant = inspect(ref, "{{.Variant}}").orElse("");
        } catch (IOException older) {
            // engines before API 1.40 do not report a variant
        }
        return variant.isBlank() || variant.equals("<no value>") ? osArch : osArch + "/" + variant;
    }

    @Override
    public Optional<ImageConfig> imageConfig(String ref) throws IOException {
        Optional<String> config = inspect(ref, "{{json .Config}}");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        JsonNode c = JSON.readTree(config.get());
        Map<String, String> labels = new TreeMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> env = new TreeMap<>();
        c.path("Env").forEach(e -> {
            String kv = e.asText();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        });
        return Optional.of(new ImageConfig(labels, env));
    }

    @Override
    public Result run(Container container) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--rm"));
        args.addAll(container.dockerArguments());
        return execute(args, container.stdin(), container.timeoutSeconds());
    }

    @Override
    public void tag(String source, String reference) throws IOException {
        Result r = cli(List.of("tag", source, reference), 60);
        if (r.exitCode() != 0) {
            throw new IOException("docker tag " + source + " " + reference + " on " + name() + " failed: " + r.stderr().trim());
        }
    }

    @Override
    public List<String> repoDigests(String ref) throws IOException {
        return inspect(ref, "{{range .RepoDigests}}{{println .}}{{end}}").orElse("").lines().map(String::trim)
                .filter(l -> l.contains("@sha256:")).toList();
    }

    @Override
    public void pull(String ref, Platform platform, long timeoutSeconds) throws IOException {
        List<String> args = new ArrayList<>(List.of("pull"));
        if (platform != null) {
            args.addAll(List.of("--platform", platform.toString()));
        }
        args.add(ref);
        Result r = cli(args, timeoutSeconds);
        if (r.exitCode() != 0) {
            throw new IOException("docker pull " + ref + " on " + name() + " failed: " + r.stderr().trim());
        }
    }

    /**
     * {@code docker args...}, both streams read while it runs, stopped at {@code timeoutSeconds}: the client is killed
     * and, for {@code docker run}, the container too ({@code docker rm -f}; every run gets a {@code --name} for that
     * unless it has one). A {@code docker run} never pulls ({@code --pull=never}).
     *
     * @throws IllegalArgumentException when the timeout is not positive
     * @throws IOException              when docker cannot start, or was stopped at the timeout
     */
    public Result cli(List<String> args, long timeoutSeconds) throws IOException {
        return execute(args, null, timeoutSeconds);
    }

    private Result execute(List<String> args, byte[] stdin, long timeoutSeconds) throws IOException {
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
                container = "python-fips-" + UUID.randomUUID();
                cmd.addAll(2, List.of("--name", container));
            }
        }
        Process p = processBuilder(cmd).start();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread out = drain(p.getInputStream(), stdout);
        Thread err = drain(p.getErrorStream(), stderr);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException closed) {
            // the container ended before reading everything: its exit status says why
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                if (container != null) {
                    cli(List.of("rm", "-f", container), 60);
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
            if (container != null) {
                cli(List.of("rm", "-f", container), 60);
            }
            throw new IOException("interrupted", e);
        }
    }

    private ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (host != null) {
            pb.environment().put("DOCKER_HOST", host);
        }
        if (tls) {
            pb.environment().putIfAbsent("DOCKER_TLS_VERIFY", "1");
        }
        return pb;
    }

    @Override
    public <T> T copyOut(String image, String path, long timeoutSeconds, TarReader<T> reader) throws IOException {
        Result c = cli(List.of("create", "--network", "none", image), 120);
        if (c.exitCode() != 0) {
            throw new IOException("docker create " + image + " on " + name() + " failed: " + c.stderr().strip());
        }
        String container = c.stdout().strip();
        File err = java.nio.file.Files.createTempFile("python-fips-cp", ".err").toFile();
        try {
            Process p = start(List.of("cp", container + ":" + path, "-"), err);
            T read;
            try (InputStream in = p.getInputStream()) {
                read = reader.read(in);
            } catch (IOException ex) {
                p.destroyForcibly();
                throw new IOException("reading docker cp " + container + ":" + path + ": " + ex.getMessage() + " "
                        + java.nio.file.Files.readString(err.toPath()).strip(), ex);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker cp " + container + ":" + path + " was stopped after " + timeoutSeconds + " s (the timeout)");
            }
            if (p.exitValue() != 0) {
                throw new IOException("docker cp " + container + ":" + path + " failed: " + java.nio.file.Files.readString(err.toPath()).strip());
            }
            return read;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        } finally {
            java.nio.file.Files.deleteIfExists(err.toPath());
            cli(List.of("rm", "-f", container), 60);
        }
    }

    /** Starts {@code docker args...} on this engine, stdout for the caller to stream (stderr to a file). */
    public Process start(List<String> args, File stderr) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        return processBuilder(cmd).redirectError(stderr).start();
    }

    /** The engine's version ({@code docker version --format {{.Server.Version}}}). */
    @Override
    public String version() throws IOException {
        Result r = cli(List.of("version", "--format", "{{.Server.Version}}"), 60);
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new IOException("docker version on " + name() + " failed: " + r.stderr().trim());
        }
        return r.stdout().trim();
    }

    @Override
    public long imageSize(String image) {
        try {
            Result r = cli(List.of("image", "inspect", "--format", "{{.Size}}", image), 60);
            return r.exitCode() == 0 ? Long.parseLong(r.stdout().trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@code docker image inspect --format FORMAT ref}, trimmed, or empty when the engine has no such image. */
    public Optional<String> inspect(String ref, String format) throws IOException {
        Result r = cli(List.of("image", "inspect", "--format", format, ref), 60);
        if (r.exitCode() != 0) {
            if (r.stderr().contains("No such image") || r.stderr().contains("No such object")) {
                return Optional.empty();
            }
            throw new IOException("docker image inspect " + ref + " on " + name() + " failed: " + r.stderr().trim());
        }
        return Optional.of(r.stdout().trim());
    }

    /** A size for messages: {@code 243.1 MB}, or {@code ?} when unknown. */
    public static String humanSize(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static Thread drain(InputStream in, StringBuilder into) {
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
