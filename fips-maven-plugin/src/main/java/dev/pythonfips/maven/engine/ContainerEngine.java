package dev.pythonfips.maven.engine;

import dev.pythonfips.model.Platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin's services need of a container engine: an image's id, platform and configuration, a run of one of
 * its programs (never pulled, no network, stopped and removed at a timeout), and a pull by digest. The services take
 * it, so their logic is unit-tested against a fake; {@link DockerEngine} is the real one (the docker CLI on the engine
 * fabric8 uses).
 */
public interface ContainerEngine {

    /** A finished run: its exit status and both streams. */
    record Result(int exitCode, String stdout, String stderr) {

        /** stderr, or stdout when stderr is empty, trimmed: what a message quotes. */
        public String output() {
            return (stderr.isBlank() ? stdout : stderr).trim();
        }
    }

    /** An image's labels and environment (its configuration: nothing of it runs). */
    record ImageConfig(Map<String, String> labels, Map<String, String> env) {
    }

    /**
     * A container to run and remove: {@code image} (an id or a digest reference: never pulled) for {@code platform}
     * (null: the engine's), no network, its {@code command} (with {@code entrypoint} instead of the image's when not
     * null), a read-only root filesystem with a tmpfs /tmp when {@code readOnly}, {@code stdin} on standard input when
     * not null, stopped and removed after {@code timeoutSeconds}.
     */
    record Container(String image, Platform platform, String entrypoint, List<String> command, boolean readOnly,
                     String workdir, byte[] stdin, long timeoutSeconds) {

        public Container {
            command = List.copyOf(command);
            if (timeoutSeconds <= 0) {
                throw new IllegalArgumentException("a timeout must be positive: " + timeoutSeconds);
            }
        }

        /** {@code image command...} on {@code platform}, stopped after {@code timeoutSeconds}. */
        public static Container of(String image, Platform platform, long timeoutSeconds, List<String> command) {
            return new Container(image, platform, null, command, false, null, null, timeoutSeconds);
        }

        /** The same run with {@code entrypoint} instead of the image's (as Kubernetes {@code command:} does). */
        public Container withEntrypoint(String entrypoint) {
            return new Container(image, platform, entrypoint, command, readOnly, workdir, stdin, timeoutSeconds);
        }

        /** The same run on a read-only root filesystem with only a tmpfs /tmp writable. */
        public Container readOnlyRoot() {
            return new Container(image, platform, entrypoint, command, true, workdir, stdin, timeoutSeconds);
        }

        /** The same run in {@code workdir} with {@code stdin} on standard input. */
        public Container withInput(String workdir, byte[] stdin) {
            return new Container(image, platform, entrypoint, command, readOnly, workdir, stdin, timeoutSeconds);
        }

        /** The docker CLI arguments after {@code docker run} (the engine adds the name, --rm and --pull=never). */
        public List<String> dockerArguments() {
            List<String> a = new ArrayList<>(List.of("--network", "none"));
            if (platform != null) {
                a.addAll(List.of("--platform", platform.toString()));
            }
            if (readOnly) {
                a.addAll(List.of("--read-only", "--tmpfs", "/tmp"));
            }
            if (workdir != null) {
                a.addAll(List.of("--workdir", workdir));
            }
            if (stdin != null) {
                a.add("-i");
            }
            if (entrypoint != null) {
                a.addAll(List.of("--entrypoint", entrypoint));
            }
            a.add(image);
            a.addAll(command);
            return a;
        }
    }

    /** Where commands go, for messages (e.g. {@code unix:///var/run/docker.sock}). */
    String name();

    /** True when the engine runs on this machine, so this machine's emulation (binfmt_misc) is the one it uses. */
    boolean local();

    /** The engine's own platform, e.g. {@code linux/amd64}. */
    Platform platform() throws IOException;

    /** The id of a local image, or empty when the engine has none by that reference (never pulled). */
    Optional<String> imageId(String ref) throws IOException;

    /** The platform a local image's config names: {@code os/architecture[/variant]}. */
    String imagePlatform(String ref) throws IOException;

    /** The size of a local image in bytes, or -1 when the engine cannot say. */
    long imageSize(String ref);

    /** The {@code repository@sha256:…} names under which a local image was pushed or pulled (empty: none). */
    List<String> repoDigests(String ref) throws IOException;

    /** The engine's version, for the provenance. */
    String version() throws IOException;

    /** An image's configuration, or empty when the engine has no such image (never pulled). */
    Optional<ImageConfig> imageConfig(String ref) throws IOException;

    /**
     * Runs {@code container} to its end, both streams read while it runs.
     *
     * @throws IOException when the engine cannot run it, or when it was stopped at its timeout (the container removed)
     */
    Result run(Container container) throws IOException;

    /** Gives the local image {@code source} (an id) the name {@code reference} as well. */
    void tag(String source, String reference) throws IOException;

    /**
     * The digest under which the engine pushed the local image {@code imageId} to {@code repository}
     * ({@code registry/name}), or empty when it has pushed it there never.
     */
    default Optional<String> pushedDigest(String imageId, String repository) throws IOException {
        return repoDigests(imageId).stream().filter(l -> l.startsWith(repository + "@sha256:"))
                .map(l -> l.substring(l.indexOf('@') + 1)).findFirst();
    }

    /** Reads a tar stream (what {@link #copyOut} hands over). */
    interface TarReader<T> {
        T read(java.io.InputStream tar) throws IOException;
    }

    /**
     * {@code path} of {@code image} as a tar stream, handed to {@code reader}: from a container created for it (never
     * started, no network) and removed after, stopped after {@code timeoutSeconds}.
     */
    <T> T copyOut(String image, String path, long timeoutSeconds, TarReader<T> reader) throws IOException;

    /** Pulls {@code ref} (a digest reference {@code repository@sha256:…}, or a base image) for {@code platform} (null: the engine's). */
    void pull(String ref, Platform platform, long timeoutSeconds) throws IOException;
}
