package dev.pythonfips.model.record;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pythonfips.model.Wording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code target/fips/images.json}: what was really built and pushed, per cell (like Jib's {@code jib-image.json}).
 * Only events that happened are recorded: a cell appears once {@code fips:build} built it (or failed to); a push
 * appears only after the engine pushed it and its digest is known. A failed push leaves no digest.
 *
 * <p>Extending: writers keep cell keys they do not know (e.g. a later {@code "sbom"}, {@code "provenance"} or
 * {@code "runtimeExport"} object), so tools can attach facts to a cell. Those keys describe one image: they are
 * dropped when the cell is rebuilt into a different image id. Readers must ignore keys they do not know.
 * {@code schemaVersion} changes only when a key changes meaning.
 */
public final class ImagesRecord {

    public static final String FILE = "images.json";
    public static final int SCHEMA_VERSION = 1;

    /** A cell's state. */
    public static final String BUILT = "built";
    public static final String BUILD_FAILED = "build-failed";
    public static final String PUSHED = "pushed";
    public static final String PUSH_FAILED = "push-failed";

    private static final Set<String> KNOWN = Set.of("id", "status", "image", "imageId", "platforms", "size",
            "baseImage", "tags", "pushes", "error", "platformImages");

    /** The base image a cell was built from: its reference, local id, and registry digest when the engine knows one. */
    public record BaseImage(String reference, String imageId, String digest) {
    }

    /**
     * One platform's image of a multi-platform cell: each platform is built on its own (classic build with the Engine
     * API's platform option, the base pinned to that platform's manifest), under its own local reference.
     */
    public record PlatformImage(String platform, String reference, String imageId, Long size, BaseImage baseImage) {
    }

    /** One platform manifest named by a pushed manifest list: the per-platform reference pushed and its digest. */
    public record PlatformManifest(String platform, String reference, String digest) {
    }

    /**
     * One reference pushed to a registry, with the manifest digest the registry stores it under. For a multi-platform
     * cell the reference is a manifest list and {@code manifests} names each platform's manifest in it.
     */
    public record Push(String registry, String reference, String digest, List<PlatformManifest> manifests) {
        public Push {
            manifests = manifests == null ? List.of() : List.copyOf(manifests);
        }

        public Push(String registry, String reference, String digest) {
            this(registry, reference, digest, List.of());
        }

        /** {@code repository@digest}: the immutable reference of what was pushed. */
        public String pinned() {
            int colon = reference.lastIndexOf(':');
            String repo = colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
            return repo + "@" + digest;
        }
    }

    /**
     * One cell.
     *
     * @param tags   every local reference of the image (name and extra tags) made by fips:build / fips:push
     * @param pushes successful pushes only, in push order
     * @param error  why the last build or push failed (status build-failed / push-failed), else null
     * @param extra  keys attached by other tools, kept as they are
     * @param platformImages for a multi-platform cell, one image per platform (then {@code imageId} is the image of the
     *                       first platform and {@code image} is tagged onto it); empty for a single-platform cell
     */
    public record Entry(String id, String status, String image, String imageId, List<String> platforms, Long size,
                        BaseImage baseImage, List<String> tags, List<Push> pushes, String error, Map<String, JsonNode> extra,
                        List<PlatformImage> platformImages) {
        public Entry {
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
            platformImages = platformImages == null ? List.of() : List.copyOf(platformImages);
            tags = tags == null ? List.of() : List.copyOf(tags);
            pushes = pushes == null ? List.of() : List.copyOf(pushes);
            extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
        }

        public boolean hasImage() {
            return imageId != null && !status.equals(BUILD_FAILED);
        }

        public Optional<Push> pushed(String reference) {
            return pushes.stream().filter(p -> p.reference().equals(reference)).findFirst();
        }

        /** The recorded image of one platform: the per-platform image of a multi-platform cell, else the cell's image. */
        public Optional<String> imageFor(String platform) {
            if (!hasImage()) {
                return Optional.empty();
            }
            if (platformImages.isEmpty()) {
                return platforms.contains(platform) ? Optional.of(imageId) : Optional.empty();
            }
            return platformImages.stream().filter(p -> p.platform().equals(platform)).map(PlatformImage::imageId).findFirst();
        }
    }

    private final Map<String, Entry> cells = new TreeMap<>();

    /** The fix for an images.json this plugin cannot read. */
    private static String startOver(Wording w) {
        return "delete it and run " + w.goal("build") + " again";
    }

    public static ImagesRecord read(Path file, Wording w) throws IOException {
        ImagesRecord r = new ImagesRecord();
        if (!Files.exists(file)) {
            return r;
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage() + "); " + startOver(w), e);
        }
        int schema = doc.path("schemaVersion").asInt(-1);
        if (schema != SCHEMA_VERSION) {
            throw new IOException(file + " has schemaVersion " + schema + ", this plugin writes " + SCHEMA_VERSION
                    + "; " + startOver(w));
        }
        for (JsonNode c : doc.path("cells")) {
            JsonNode b = c.path("baseImage");
            List<Push> pushes = new ArrayList<>();
            for (JsonNode p : c.path("pushes")) {
                List<PlatformManifest> manifests = new ArrayList<>();
                for (JsonNode m : p.path("manifests")) {
                    manifests.add(new PlatformManifest(text(m, "platform"), text(m, "reference"), text(m, "digest")));
                }
                pushes.add(new Push(text(p, "registry"), text(p, "reference"), text(p, "digest"), manifests));
            }
            List<PlatformImage> platformImages = new ArrayList<>();
            for (JsonNode p : c.path("platformImages")) {
                JsonNode pb = p.path("baseImage");
                platformImages.add(new PlatformImage(text(p, "platform"), text(p, "reference"), text(p, "imageId"),
                        p.hasNonNull("size") ? p.get("size").asLong() : null,
                        pb.isObject() ? new BaseImage(text(pb, "reference"), text(pb, "imageId"), text(pb, "digest")) : null));
            }
            Map<String, JsonNode> extra = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!KNOWN.contains(f.getKey())) {
                    extra.put(f.getKey(), f.getValue());
                }
            }
            Entry e = new Entry(text(c, "id"), text(c, "status"), text(c, "image"), text(c, "imageId"),
                    strings(c.path("platforms")), c.hasNonNull("size") ? c.get("size").asLong() : null,
                    b.isObject() ? new BaseImage(text(b, "reference"), text(b, "imageId"), text(b, "digest")) : null,
                    strings(c.path("tags")), pushes, text(c, "error"), extra, platformImages);
            if (e.id() == null || e.status() == null) {
                throw new IOException(file + ": a cell without id or status; " + startOver(w));
            }
            r.cells.put(e.id(), e);
        }
        return r;
    }

    public Optional<Entry> cell(String id) {
        return Optional.ofNullable(cells.get(id));
    }

    public List<Entry> cells() {
        return List.copyOf(cells.values());
    }

    /**
     * fips:build built a cell into {@code imageId}. Pushes and attached keys of the same image id are kept (a
     * cached rebuild gives the same image); a different image id starts a fresh entry.
     */
    public Entry recordBuilt(String id, String image, String imageId, List<String> platforms, Long size,
                             BaseImage baseImage, List<String> tags) {
        return recordBuilt(id, image, imageId, platforms, size, baseImage, tags, List.of());
    }

    /**
     * fips:build built a multi-platform cell, one image per platform ({@code platformImages}, in the cell's platform
     * order; the first one's id is the entry's {@code imageId}). Pushes and attachments are kept only when every
     * platform's image is the same as before.
     */
    public Entry recordBuilt(String id, String image, String imageId, List<String> platforms, Long size,
                             BaseImage baseImage, List<String> tags, List<PlatformImage> platformImages) {
        require(imageId != null && imageId.startsWith("sha256:"), "recordBuilt needs the image id the engine reports");
        require(platformImages.isEmpty() || platformImages.get(0).imageId().equals(imageId),
                "the image id of a multi-platform cell is its first platform's");
        platformImages.forEach(p -> require(p.imageId() != null && p.imageId().startsWith("sha256:"),
                "recordBuilt needs the image id of platform " + p.platform()));
        Entry old = cells.get(id);
        boolean same = old != null && imageId.equals(old.imageId())
                && old.platformImages().stream().map(PlatformImage::imageId).toList()
                .equals(platformImages.stream().map(PlatformImage::imageId).toList());
        List<Push> pushes = same ? old.pushes() : List.of();
        Entry e = new Entry(id, pushes.isEmpty() ? BUILT : PUSHED, image, imageId, platforms, size, baseImage,
                union(same ? old.tags() : List.of(), tags), pushes, null, same ? old.extra() : Map.of(), platformImages);
        cells.put(id, e);
        return e;
    }

    /** fips:build failed for a cell: no image is claimed (an older image of the cell is no longer current). */
    public Entry recordBuildFailed(String id, String image, String error) {
        Entry e = new Entry(id, BUILD_FAILED, image, null, List.of(), null, null, List.of(), List.of(), error, Map.of(), List.of());
        cells.put(id, e);
        return e;
    }

    /** The engine pushed {@code reference} of the cell's recorded image and the registry stores it as {@code digest}. */
    public Entry recordPushed(String id, String imageId, Push push) {
        Entry old = current(id, imageId);
        require(push.digest() != null && push.digest().matches("sha256:[0-9a-f]{64}"), "a push is recorded only with its digest");
        List<Push> pushes = new ArrayList<>();
        old.pushes().stream().filter(p -> !p.reference().equals(push.reference())).forEach(pushes::add);
        pushes.add(push);
        require(old.platformImages().isEmpty() || push.manifests().size() == old.platformImages().size(),
                "a multi-platform cell is pushed as a manifest list naming every platform");
        Entry e = new Entry(id, PUSHED, old.image(), old.imageId(), old.platforms(), old.size(), old.baseImage(),
                union(old.tags(), List.of(push.reference())), pushes, null, old.extra(), old.platformImages());
        cells.put(id, e);
        return e;
    }

    /** A push of the cell's image failed: earlier successful pushes stay, nothing new is claimed. */
    public Entry recordPushFailed(String id, String imageId, String error) {
        Entry old = current(id, imageId);
        Entry e = new Entry(id, PUSH_FAILED, old.image(), old.imageId(), old.platforms(), old.size(), old.baseImage(),
                old.tags(), old.pushes(), error, old.extra(), old.platformImages());
        cells.put(id, e);
        return e;
    }

    /** Attaches a key to a built cell (for later tools: SBOM, provenance, exported runtime, ...). */
    public Entry attach(String id, String key, JsonNode value) {
        Entry old = cells.get(id);
        require(old != null && old.hasImage(), "only a built cell can carry attachments");
        require(!KNOWN.contains(key), key + " is a reserved key");
        Map<String, JsonNode> extra = new TreeMap<>(old.extra());
        extra.put(key, value);
        Entry e = new Entry(old.id(), old.status(), old.image(), old.imageId(), old.platforms(), old.size(), old.baseImage(),
                old.tags(), old.pushes(), old.error(), extra, old.platformImages());
        cells.put(id, e);
        return e;
    }

    /** Writes the record atomically, cells sorted by id, keys in a fixed order: the same events give the same bytes. */
    public void write(Path file) throws IOException {
        writeRecord(file);
        writeCellFiles(file.getParent());
    }

    private void writeRecord(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        ObjectNode doc = json.createObjectNode();
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("generator", "python-fips");
        ArrayNode arr = doc.putArray("cells");
        for (Entry e : cells.values()) {
            ObjectNode c = arr.addObject();
            c.put("id", e.id());
            c.put("status", e.status());
            c.put("image", e.image());
            if (e.imageId() != null) {
                c.put("imageId", e.imageId());
                ArrayNode pl = c.putArray("platforms");
                e.platforms().forEach(pl::add);
                if (e.size() != null) {
                    c.put("size", e.size());
                }
                if (e.baseImage() != null) {
                    baseImage(c.putObject("baseImage"), e.baseImage());
                }
                if (!e.platformImages().isEmpty()) {
                    ArrayNode pis = c.putArray("platformImages");
                    for (PlatformImage pi : e.platformImages()) {
                        ObjectNode o = pis.addObject();
                        o.put("platform", pi.platform());
                        o.put("reference", pi.reference());
                        o.put("imageId", pi.imageId());
                        if (pi.size() != null) {
                            o.put("size", pi.size());
                        }
                        if (pi.baseImage() != null) {
                            baseImage(o.putObject("baseImage"), pi.baseImage());
                        }
                    }
                }
                ArrayNode t = c.putArray("tags");
                e.tags().forEach(t::add);
                ArrayNode ps = c.putArray("pushes");
                for (Push p : e.pushes()) {
                    ObjectNode o = ps.addObject();
                    o.put("registry", p.registry());
                    o.put("reference", p.reference());
                    o.put("digest", p.digest());
                    o.put("pinned", p.pinned());
                    if (!p.manifests().isEmpty()) {
                        ArrayNode ms = o.putArray("manifests");
                        for (PlatformManifest m : p.manifests()) {
                            ObjectNode mo = ms.addObject();
                            mo.put("platform", m.platform());
                            mo.put("reference", m.reference());
                            mo.put("digest", m.digest());
                        }
                    }
                }
            }
            if (e.error() != null) {
                c.put("error", e.error());
            }
            e.extra().forEach(c::set);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Next to images.json, one small file per cell for CI scripts (as Jib's {@code jib-image.digest}):
     * {@code CELL.image-id} holds the image id fips:build recorded, {@code CELL.digest} the manifest digest of its first
     * push (the one fips:verify -Dfips.verify.pullByDigest pulls). A file whose fact the record does not hold (not
     * built, or rebuilt and not pushed since) is removed, so it never claims what did not happen.
     */
    private void writeCellFiles(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        for (Entry e : cells.values()) {
            cellFile(dir.resolve(e.id() + ".image-id"), e.imageId());
            cellFile(dir.resolve(e.id() + ".digest"), e.pushes().isEmpty() ? null : e.pushes().get(0).digest());
        }
    }

    private static void cellFile(Path file, String value) throws IOException {
        if (value == null || value.isBlank()) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, value + "\n");
        }
    }

    private static void baseImage(ObjectNode b, BaseImage base) {
        b.put("reference", base.reference());
        b.put("imageId", base.imageId());
        b.put("digest", base.digest());
    }

    private Entry current(String id, String imageId) {
        Entry old = cells.get(id);
        require(old != null && old.hasImage(), "cell " + id + " has no built image on record");
        require(old.imageId().equals(imageId), "cell " + id + " is recorded as " + old.imageId() + ", not " + imageId);
        return old;
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
