package dev.pythonfips.model.supplychain;

import java.util.Optional;

/** Base image references that float: without a {@code @sha256:} digest, what they name can change between builds. */
public final class FloatingBase {

    private FloatingBase() {
    }

    /**
     * For a reference without a digest, the warning a release build prints, with the digest the build actually used
     * ({@code usedDigest}, null when the engine knows none) and the fix; empty for a digest-pinned reference.
     */
    public static Optional<String> warning(String cellId, String reference, String usedDigest) {
        if (reference.contains("@sha256:")) {
            return Optional.empty();
        }
        String repo = Sbom.repository(reference);
        String tag = repo.equals(reference) ? "latest (no tag)" : reference.substring(repo.length() + 1);
        return Optional.of("cell " + cellId + ": base image " + reference + " has no digest (tag " + tag + " can move): "
                + (usedDigest != null
                ? "this build used " + repo + "@" + usedDigest + " (recorded in images.json, the SBOM and the provenance); pin it with <baseImages><...>"
                + repo + "@" + usedDigest + "</...></baseImages>"
                : "the engine knows no registry digest for it (a locally made image), so only its image id is recorded; push it to a registry and pin it by digest"));
    }
}
