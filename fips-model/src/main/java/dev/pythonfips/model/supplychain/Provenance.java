package dev.pythonfips.model.supplychain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.recipe.BuildRecipe;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.render.ContextRenderer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-toto Statement v1 with a SLSA Provenance v1 predicate for one built image. Subjects: the image id (the
 * engine's config digest) and every pushed manifest digest. Builder: this plugin, fabric8's docker-maven-plugin and
 * the Docker engine, as {@code fips:build} recorded them when it built the image ({@link #BUILD_KEY} in images.json).
 * Inputs: the source tarballs, our patch, the base image (digest, else its local id) and the generated context.
 * Nothing here is measured later than the build: what the build did not record is not claimed.
 */
public final class Provenance {

    public static final String FILE = "provenance.intoto.json";
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILD_TYPE = "https://pythonfips.dev/provenance/fabric8-docker-build/v1";
    /** images.json cell key written by fips:build: the builder versions and the context hash at build time. */
    public static final String BUILD_KEY = "build";

    /** What fips:build recorded about how it built a cell. */
    public record BuildFacts(String pluginVersion, String dockerMavenPluginVersion, String dockerEngineVersion,
                             String contextSha256) {

        public JsonNode toJson() {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("fipsMavenPlugin", pluginVersion);
            n.put("dockerMavenPlugin", dockerMavenPluginVersion);
            n.put("dockerEngine", dockerEngineVersion);
            n.put("contextSha256", contextSha256);
            return n;
        }

        /** The facts recorded in a cell entry, or null when fips:build recorded none (or no valid context hash). */
        public static BuildFacts of(ImagesRecord.Entry e) {
            JsonNode n = e.extra().get(BUILD_KEY);
            if (n == null || !n.path("contextSha256").asText("").matches("[0-9a-f]{64}")) {
                return null;
            }
            return new BuildFacts(n.path("fipsMavenPlugin").asText(null), n.path("dockerMavenPlugin").asText(null),
                    n.path("dockerEngine").asText(null), n.get("contextSha256").asText());
        }
    }

    /** Maven coordinates of the project that built the image. */
    public record Project(String groupId, String artifactId, String version) {
    }

    private Provenance() {
    }

    public static ObjectNode statement(Cell cell, FipsSpec.Options options, ImagesRecord.Entry e, BuildFacts build, Project project) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode st = m.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = st.putArray("subject");
        ObjectNode img = subjects.addObject();
        img.put("name", e.image());
        img.putObject("digest").put("sha256", Sbom.hex(e.imageId()));
        img.putObject("annotations").put("kind", "image id (config digest) in the engine that built it");
        for (ImagesRecord.Push p : e.pushes()) {
            ObjectNode s = subjects.addObject();
            s.put("name", Sbom.repository(p.reference()));
            s.putObject("digest").put("sha256", Sbom.hex(p.digest()));
            s.putObject("annotations").put("kind", "manifest digest served by " + p.registry() + " for " + p.reference());
        }
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode pred = st.putObject("predicate");
        ObjectNode def = pred.putObject("buildDefinition");
        def.put("buildType", BUILD_TYPE);
        ObjectNode ext = def.putObject("externalParameters");
        ObjectNode pom = ext.putObject("project");
        pom.put("groupId", project.groupId());
        pom.put("artifactId", project.artifactId());
        pom.put("version", project.version());
        ext.put("cell", cell.id());
        ext.put("image", e.image());
        ArrayNode pl = ext.putArray("platforms");
        e.platforms().forEach(pl::add);
        ext.put("python", cell.python().toString());
        ext.put("distro", cell.distro().id());
        ext.put("openssl", cell.openssl().toString());
        ext.put("fipsProvider", cell.fipsProvider().toString());
        BuildRecipe recipe = BuildRecipe.of(cell, options);
        ext.put("policy", recipe.policy().value());
        ext.put("fipsInstall", recipe.fipsInstall().value());
        ext.put("builtinHashes", recipe.builtinHashes());
        ext.put("prefix", recipe.prefix());
        if (cell.cryptography() != null) {
            ext.put("cryptography", cell.cryptography().version());
            ext.put("cryptographySource", cell.cryptography().source().value());
        }
        ext.put("baseImage", cell.baseImage());

        ArrayNode deps = def.putArray("resolvedDependencies");
        for (Release r : ContextRenderer.releases(cell)) {
            ObjectNode d = deps.addObject();
            d.put("uri", r.url());
            d.putObject("digest").put("sha256", r.sha256());
            d.put("name", r.file());
        }
        ObjectNode patch = deps.addObject();
        patch.put("name", Sbom.patchPath(cell));
        patch.putObject("digest").put("sha256", Sbom.patchSha256(cell));
        ImagesRecord.BaseImage b = e.baseImage();
        if (b != null) {
            ObjectNode base = deps.addObject();
            base.put("name", b.reference());
            if (b.digest() != null) {
                base.put("uri", "docker-image://" + Sbom.repository(b.reference()) + "@" + b.digest());
                base.putObject("digest").put("sha256", Sbom.hex(b.digest()));
            } else {
                base.putObject("digest").put("sha256", Sbom.hex(b.imageId()));
                base.putObject("annotations").put("note", "no registry digest (a locally made image): the digest is its local image id");
            }
        }
        ObjectNode ctx = deps.addObject();
        ctx.put("name", "build context target/fips/" + cell.id());
        ctx.putObject("digest").put("sha256", build.contextSha256());
        ctx.putObject("annotations").put("note", "SHA-256 over the sorted 'sha256  path' lines of every file, taken by fips:build");

        ObjectNode run = pred.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", "https://pythonfips.dev/builders/fips-maven-plugin@" + build.pluginVersion());
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("dev.pythonfips:fips-maven-plugin", build.pluginVersion());
        versions.put("io.fabric8:docker-maven-plugin", build.dockerMavenPluginVersion());
        versions.put("docker-engine", build.dockerEngineVersion());
        ObjectNode v = builder.putObject("version");
        versions.forEach((k, val) -> v.put(k, val == null ? "unknown" : val));
        run.putObject("metadata").put("invocationId", cell.id() + "@" + e.imageId());
        return st;
    }

    public static String json(ObjectNode statement) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return json.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
                    .writeValueAsString(statement) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
