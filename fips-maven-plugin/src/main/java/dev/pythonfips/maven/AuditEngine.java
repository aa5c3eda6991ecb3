package dev.pythonfips.maven;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What fips:audit needs of a container engine: an image's configuration, and a run of one of its programs with a
 * script on standard input, with no network and a read-only root, stopped at a timeout. {@link AuditService} takes
 * it, so the audit's logic is tested against a fake ({@code AuditServiceTest}); {@link Docker} is the engine.
 */
interface AuditEngine {

    /** An image's labels and environment (its configuration: nothing of it runs). */
    record ImageConfig(Map<String, String> labels, Map<String, String> env) {
    }

    /** The image's configuration, or empty when the engine has no such image (never pulled). */
    Optional<ImageConfig> inspect(String image) throws IOException;

    /**
     * Runs {@code program args...} of {@code image} with {@code script} on standard input: no network, a read-only
     * root filesystem with a writable /tmp, working directory {@code workdir}; never pulls; stopped and removed after
     * {@code timeoutSeconds}.
     *
     * @return the exit status and both streams
     */
    DockerCli.Result run(String image, String workdir, String program, List<String> args, byte[] script, long timeoutSeconds)
            throws IOException;

    /** The docker CLI on the engine fabric8 uses. */
    final class Docker implements AuditEngine {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        public Optional<ImageConfig> inspect(String image) throws IOException {
            Optional<String> config = DockerCli.inspect(image, "{{json .Config}}");
            if (config.isEmpty()) {
                return Optional.empty();
            }
            var c = JSON.readTree(config.get());
            Map<String, String> labels = new java.util.TreeMap<>();
            c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, String> env = new java.util.TreeMap<>();
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
        public DockerCli.Result run(String image, String workdir, String program, List<String> args, byte[] script,
                                    long timeoutSeconds) throws IOException {
            List<String> a = new java.util.ArrayList<>(List.of("--network", "none", "--read-only", "--tmpfs", "/tmp",
                    "--workdir", workdir, "--entrypoint", program, image));
            a.addAll(args);
            return DockerCli.runWithInput("python-fips-audit-" + java.util.UUID.randomUUID(), a, script, timeoutSeconds);
        }
    }
}
