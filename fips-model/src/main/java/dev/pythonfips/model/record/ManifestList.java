package dev.pythonfips.model.record;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest list (Docker's {@code manifest.list.v2}, which every registry and engine reads; an OCI index is the
 * same shape) that publishes a multi-platform cell under one reference: one entry per platform image, in the cell's
 * platform order, each naming the registry manifest the engine pushed for that platform. The bytes are deterministic,
 * so the list's digest depends only on the platform manifests it names.
 *
 * <p>Also reads the manifest list of a base image, to pin each platform's build to that platform's manifest digest
 * (Docker 20.10's classic builder otherwise reuses whatever platform of the base it already holds locally).
 */
public final class ManifestList {

    public static final String LIST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    /** One platform's manifest as the registry stores it. */
    public record Entry(Platform platform, String mediaType, long size, String digest) {
        public Entry {
            if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a manifest list entry needs a sha256 digest, got " + digest);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("a manifest list entry needs the manifest's size, got " + size);
            }
        }
    }

    private final List<Entry> entries;

    public ManifestList(List<Entry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("a manifest list needs at least one platform");
        }
        Set<Platform> seen = new HashSet<>();
        for (Entry e : entries) {
            if (!seen.add(e.platform())) {
                throw new IllegalArgumentException("platform " + e.platform() + " appears twice in the manifest list");
            }
        }
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public String mediaType() {
        return LIST_MEDIA_TYPE;
    }

    /** The list as the registry stores it (its digest is the SHA-256 of exactly these bytes). */
    public byte[] bytes() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        ObjectNode doc = json.createObjectNode();
        doc.put("schemaVersion", 2);
        doc.put("mediaType", LIST_MEDIA_TYPE);
        ArrayNode arr = doc.putArray("manifests");
        for (Entry e : entries) {
            ObjectNode m = arr.addObject();
            m.put("mediaType", e.mediaType());
            m.put("size", e.size());
            m.put("digest", e.digest());
            ObjectNode p = m.putObject("platform");
            p.put("architecture", e.platform().arch());
            p.put("os", e.platform().os());
            if (!e.platform().variant().isEmpty()) {
                p.put("variant", e.platform().variant());
            }
        }
        try {
            return (json.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String digest() {
        return "sha256:" + Digests.sha256(bytes());
    }

    /** Whether a registry's Content-Type names a manifest list or OCI index. */
    public static boolean isList(String mediaType) {
        return mediaType != null && (mediaType.startsWith(LIST_MEDIA_TYPE) || mediaType.startsWith(OCI_INDEX_MEDIA_TYPE));
    }

    /**
     * Reads a manifest list / OCI index as a registry serves it. Entries without a platform, or with attestation
     * pseudo-platforms ({@code unknown/unknown}), are skipped.
     */
    public static ManifestList parse(byte[] body) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(body);
        JsonNode manifests = doc.path("manifests");
        if (!manifests.isArray()) {
            throw new IOException("not a manifest list: no \"manifests\" array");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode m : manifests) {
            JsonNode p = m.path("platform");
            Optional<Platform> platform = Platform.tryParse(p.path("os").asText("") + "/" + p.path("architecture").asText("")
                    + (p.hasNonNull("variant") && !p.get("variant").asText().isEmpty() ? "/" + p.get("variant").asText() : ""));
            if (platform.isEmpty() || platform.get().os().equals("unknown")) {
                continue;
            }
            out.add(new Entry(platform.get(), m.path("mediaType").asText(MANIFEST_MEDIA_TYPE), m.path("size").asLong(),
                    m.path("digest").asText()));
        }
        return new ManifestList(out);
    }

    /** The entry for {@code platform}; a list entry without variant serves an asked {@code linux/arm64/v8} too. */
    public Optional<Entry> entry(Platform platform) {
        return entries.stream().filter(e -> e.platform().equals(platform)).findFirst()
                .or(() -> entries.stream().filter(e -> e.platform().os().equals(platform.os())
                        && e.platform().arch().equals(platform.arch())
                        && (e.platform().variant().isEmpty() || platform.variant().isEmpty())).findFirst());
    }
}
