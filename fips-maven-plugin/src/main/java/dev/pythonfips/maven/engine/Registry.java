package dev.pythonfips.maven.engine;

import java.io.IOException;
import java.util.Optional;

/**
 * What the plugin asks of a registry (the Distribution HTTP API v2): which digest a tag points to, a manifest's bytes,
 * and publishing a manifest list. {@link RegistryClient} is the real one; the push service is tested against a fake.
 */
public interface Registry {

    /** User name and password from settings.xml {@code <servers>} (decrypted), or null for anonymous. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    /** A manifest as the registry serves it: its media type, its bytes and the digest of those bytes. */
    record Manifest(String mediaType, byte[] body, String digest) {
    }

    /** The digest {@code repository:tag} points to in its registry, or empty when the registry has no such tag. */
    Optional<String> manifestDigest(String registryHost, String repository, String tag, Credentials creds) throws IOException;

    /** The manifest {@code repository@reference} (a tag or a digest), or empty when the registry has none. */
    Optional<Manifest> manifest(String registryHost, String repository, String reference, Credentials creds) throws IOException;

    /** Publishes {@code body} under {@code repository:tag}; returns the digest the registry reports. */
    String putManifest(String registryHost, String repository, String tag, String mediaType, byte[] body, Credentials creds)
            throws IOException;
}
