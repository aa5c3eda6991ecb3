package dev.pythonfips.model.plan;

import java.util.Optional;

/**
 * An image reference split the way the Distribution API needs it: {@code debian:bookworm} is
 * {@code docker.io/library/debian:bookworm}, served by {@code registry-1.docker.io}; {@code 127.0.0.1:5000/x@sha256:…}
 * names a digest. A first path component is a registry host when it contains a dot or a colon or is localhost.
 *
 * @param registry   registry host as written (docker.io when none is)
 * @param repository repository path inside the registry (library/ added for Docker Hub official images)
 * @param tag        the tag, or null when only a digest is given
 * @param digest     the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static Optional<ImageReference> parse(String reference) {
        if (reference == null || !ImageNames.isValidReference(reference)) {
            return Optional.empty();
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = "docker.io";
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals("docker.io") && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }

    /** The host that serves the registry API ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** {@code registry/repository@digest}, written the way the user wrote the registry (Docker Hub as docker.io). */
    public String pinned(String manifestDigest) {
        return registry + "/" + repository + "@" + manifestDigest;
    }
}
