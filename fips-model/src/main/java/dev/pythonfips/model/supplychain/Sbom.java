package dev.pythonfips.model.supplychain;

import dev.pythonfips.model.Digests;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.recipe.BuildRecipe;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.render.ContextRenderer;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.AttachmentText;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Diff;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Patch;
import org.cyclonedx.model.Pedigree;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The CycloneDX SBOM of one built image, built with CycloneDX's own model ({@code cyclonedx-core-java}): the sources
 * we compiled (CPython with our patch as pedigree, the OpenSSL library, the FIPS module and its CMVP status), the
 * Python packages and every distro package the image's own databases list, and the base image with its digest.
 * The image is {@code metadata.component}; everything else is a component it depends on. Same inputs, same bytes.
 */
public final class Sbom {

    public static final String FILE = "sbom.cdx.json";
    public static final Version SPEC = Version.VERSION_16;
    static final String NS = "dev.pythonfips:";

    /**
     * Facts of one built cell.
     *
     * @param entry         the cell's images.json entry (status built or pushed)
     * @param contents      what the image's package databases report
     * @param pluginVersion version of fips-maven-plugin writing the SBOM
     * @param timestamp     the SBOM's timestamp (project.build.outputTimestamp), or null for none
     */
    public record Input(Cell cell, FipsSpec.Options options, ImagesRecord.Entry entry, ImageContents contents,
                        String pluginVersion, Instant timestamp) {
    }

    private Sbom() {
    }

    public static Bom build(Input in) {
        Cell cell = in.cell();
        ImagesRecord.Entry e = in.entry();
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((cell.id() + "|" + e.imageId()).getBytes(StandardCharsets.UTF_8)));
        bom.setVersion(1);

        Metadata md = new Metadata();
        // the library's Metadata starts with the current time: keep the SBOM reproducible
        md.setTimestamp(in.timestamp() == null ? null : Date.from(in.timestamp()));
        ToolInformation tools = new ToolInformation();
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setGroup("dev.pythonfips");
        tool.setName("fips-maven-plugin");
        tool.setVersion(in.pluginVersion());
        tools.setComponents(List.of(tool));
        md.setToolChoice(tools);

        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef("image");
        image.setName(repository(e.image()));
        image.setVersion(e.imageId());
        image.setDescription("python-fips " + cell.id() + ": CPython " + cell.python() + " on " + cell.distro().displayName()
                + " with OpenSSL " + cell.openssl() + " and FIPS module " + cell.fipsProvider());
        image.addHash(new Hash(Hash.Algorithm.SHA_256, hex(e.imageId())));
        List<Property> ip = new ArrayList<>();
        ip.add(prop("cell", cell.id()));
        ip.add(prop("image", e.image()));
        ip.add(prop("image.id", e.imageId()));
        ip.add(prop("platforms", String.join(",", e.platforms())));
        for (ImagesRecord.Push p : e.pushes()) {
            ip.add(prop("pushed", p.pinned()));
        }
        BuildRecipe recipe = BuildRecipe.of(cell, in.options());
        ip.add(prop("policy", recipe.policy().value()));
        ip.add(prop("fips-install", recipe.fipsInstall().value()));
        ip.add(prop("prefix", recipe.prefix()));
        image.setProperties(ip);
        md.setComponent(image);
        bom.setMetadata(md);

        List<Component> components = new ArrayList<>();
        Dependency imageDeps = new Dependency("image");
        List<Dependency> deps = new ArrayList<>();

        // what we compiled
        Component fips = fipsModule(cell, recipe);
        Component openssl = source("openssl", "openssl", cell.opensslRelease(), "OpenSSL library (libcrypto, libssl) CPython links against");
        Component python = cpython(cell);
        components.add(python);
        components.add(openssl);
        components.add(fips);
        Dependency pyDep = new Dependency(python.getBomRef());
        pyDep.addDependency(new Dependency(openssl.getBomRef()));
        deps.add(pyDep);
        Dependency sslDep = new Dependency(openssl.getBomRef());
        sslDep.addDependency(new Dependency(fips.getBomRef()));
        deps.add(sslDep);

        // Python packages in the image
        String crypto = cell.cryptography() == null ? "" : cell.cryptography().version();
        boolean cryptoSeen = false;
        for (ImageContents.PythonPackage p : in.contents().pythonPackages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            String name = p.name().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            c.setBomRef("pypi:" + name);
            c.setName(p.name());
            c.setVersion(p.version());
            c.setPurl("pkg:pypi/" + name + "@" + enc(p.version()));
            List<Property> props = new ArrayList<>(List.of(prop("found-by", ImageContents.PYTHON_PACKAGES_FOUND_BY)));
            if (name.equals("cryptography") && crypto != null && !crypto.isBlank()) {
                cryptoSeen = true;
                c.setDescription("pyca/cryptography built from source against this image's OpenSSL (no wheel with its own OpenSSL)");
                props.add(prop("cryptography.configured", crypto));
            }
            c.setProperties(props);
            components.add(c);
            pyDep.addDependency(new Dependency(c.getBomRef()));
        }
        if (crypto != null && !crypto.isBlank() && !cryptoSeen) {
            throw new IllegalArgumentException("cell " + cell.id() + " is configured with cryptography " + crypto
                    + ", but the image's Python distributions do not include it: the image was not built from this configuration; rebuild it");
        }

        // distro packages in the runtime image
        String ns = cell.distro().id().replaceAll("[0-9]+$", "");
        for (ImageContents.DistroPackage p : in.contents().packages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            String type = in.contents().family();
            c.setBomRef(type + ":" + p.name() + (p.arch().isEmpty() ? "" : ":" + p.arch()));
            c.setName(p.name());
            c.setVersion(p.version());
            c.setPurl("pkg:" + type + "/" + ns + "/" + enc(p.name()) + "@" + enc(p.version())
                    + "?" + (p.arch().isEmpty() ? "" : "arch=" + enc(p.arch()) + "&") + "distro=" + cell.distro().id());
            c.setProperties(List.of(prop("found-by", packageDatabase(type) + " in the image")));
            components.add(c);
        }

        // the base image
        ImagesRecord.BaseImage b = e.baseImage();
        if (b != null) {
            Component base = new Component();
            base.setType(Component.Type.CONTAINER);
            base.setBomRef("base-image");
            base.setName(repository(b.reference()));
            base.setVersion(b.digest() != null ? b.digest() : b.imageId());
            if (b.digest() != null) {
                base.setPurl("pkg:oci/" + enc(lastPath(repository(b.reference()))) + "@" + enc(b.digest())
                        + "?repository_url=" + enc(repository(b.reference())));
                base.addHash(new Hash(Hash.Algorithm.SHA_256, hex(b.digest())));
            }
            List<Property> bp = new ArrayList<>();
            bp.add(prop("base-image.reference", b.reference()));
            bp.add(prop("base-image.id", b.imageId()));
            bp.add(prop("base-image.digest", b.digest() != null ? b.digest() : "none: the engine knows no registry digest (a locally made image)"));
            base.setProperties(bp);
            components.add(base);
        }

        for (Component c : components) {
            imageDeps.addDependency(new Dependency(c.getBomRef()));
        }
        deps.add(0, imageDeps);
        bom.setComponents(components);
        bom.setDependencies(deps);
        return bom;
    }

    /**
     * The SBOM as CycloneDX 1.6 JSON. Without a timestamp in the model, the library would stamp the current time: it is
     * removed again, so the same inputs give the same bytes.
     */
    public static String json(Bom bom) {
        boolean stamped = bom.getMetadata() != null && bom.getMetadata().getTimestamp() != null;
        com.fasterxml.jackson.databind.JsonNode doc = BomGeneratorFactory.createJson(SPEC, bom).toJsonNode();
        if (!stamped) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("metadata")).remove("timestamp");
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")))
                    .writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the CycloneDX JSON: " + ex.getMessage(), ex);
        }
    }

    /** Problems of {@code json} against the CycloneDX 1.6 JSON schema (the library's validator); empty when valid. */
    public static List<String> validate(String json) {
        try {
            return new org.cyclonedx.parsers.JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), SPEC).stream()
                    .map(Throwable::getMessage).toList();
        } catch (java.io.IOException ex) {
            return List.of("cannot validate: " + ex.getMessage());
        }
    }

    /** SHA-256 of our FIPS patch for the cell's Python minor line, as shipped in the context. */
    public static String patchSha256(Cell cell) {
        return Digests.sha256(ContextRenderer.patch(cell.python()));
    }

    /** Where the patch lives in this project's sources and in the build context. */
    public static String patchPath(Cell cell) {
        return "patches/" + cell.python().minorLine() + "/python-fips.patch";
    }

    private static Component cpython(Cell cell) {
        Component c = source("cpython", "python", cell.pythonRelease(), "CPython interpreter and standard library, built from source");
        c.setType(Component.Type.APPLICATION);
        Patch patch = new Patch();
        patch.setType(Patch.Type.UNOFFICIAL);
        Diff diff = new Diff();
        diff.setUrl(patchPath(cell));
        // the patch itself (~20 KB, base64: the JSON generator collapses whitespace in plain text): the SBOM carries
        // the exact change; its sha256 is in the notes and properties
        AttachmentText text = new AttachmentText();
        text.setContentType("text/x-diff");
        text.setEncoding("base64");
        text.setText(java.util.Base64.getEncoder().encodeToString(ContextRenderer.patch(cell.python()).getBytes(StandardCharsets.UTF_8)));
        diff.setText(text);
        patch.setDiff(diff);
        Pedigree pedigree = new Pedigree();
        pedigree.setPatches(List.of(patch));
        String sha = patchSha256(cell);
        pedigree.setNotes("Patched with python-fips " + cell.python().minorLine() + " (" + patchPath(cell) + ", sha256 " + sha
                + "): hashlib and hmac refuse non-approved algorithms in FIPS mode");
        c.setPedigree(pedigree);
        List<Property> props = new ArrayList<>(c.getProperties());
        props.add(prop("patch", patchPath(cell)));
        props.add(prop("patch.sha256", sha));
        props.add(prop("builtin-hashes", cell.builtinHashes()));
        c.setProperties(props);
        return c;
    }

    private static Component fipsModule(Cell cell, BuildRecipe recipe) {
        boolean legacy = recipe.legacyFipsModule();
        String description = legacy ? "OpenSSL FIPS Object Module" : "OpenSSL FIPS provider (fips.so)";
        Component c = source(legacy ? "openssl-fips-module" : "openssl-fips-provider", legacy ? "openssl-fips" : "openssl",
                cell.fipsRelease(), description + (recipe.separateProvider() ? "" : "; same tarball as the OpenSSL library"));
        List<Property> props = new ArrayList<>(c.getProperties());
        props.add(prop("fips.module.version", cell.fipsProvider().toString()));
        props.add(prop("fips.validated", Boolean.toString(cell.validated())));
        props.add(prop("fips.standard", cell.validated() ? cell.module().standard() : "none"));
        props.add(prop("fips.cmvp.certificates", cell.validated() ? String.join(",", cell.module().certificates()) : "none"));
        props.add(prop("fips.certificate.source", cell.certificateSource()));
        if (cell.validated() && !cell.module().historicalAfter().isEmpty()) {
            props.add(prop("fips.historical-after", cell.module().historicalAfter()));
        }
        props.add(prop("fips.tarball-modified", "false"));
        props.add(prop("fips.build-commands", String.join(" && ", recipe.fipsModuleBuiltBy())));
        c.setProperties(props);
        if (cell.validated()) {
            for (String n : cell.module().certificates()) {
                ExternalReference r = new ExternalReference();
                r.setType(ExternalReference.Type.CERTIFICATION_REPORT);
                r.setUrl("https://csrc.nist.gov/projects/cryptographic-module-validation-program/certificate/" + n);
                r.setComment("CMVP certificate #" + n + " (" + cell.module().standard() + ")");
                c.addExternalReference(r);
            }
        }
        return c;
    }

    private static Component source(String bomRef, String name, Release r, String description) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(bomRef);
        c.setName(name);
        c.setVersion(r.version());
        c.setDescription(description);
        c.setPurl("pkg:generic/" + name + "@" + enc(r.version()) + "?download_url=" + enc(r.url()));
        c.addHash(new Hash(Hash.Algorithm.SHA_256, r.sha256()));
        ExternalReference dist = new ExternalReference();
        dist.setType(ExternalReference.Type.SOURCE_DISTRIBUTION);
        dist.setUrl(r.url());
        dist.addHash(new Hash(Hash.Algorithm.SHA_256, r.sha256()));
        c.addExternalReference(dist);
        List<Property> props = new ArrayList<>();
        props.add(prop("source.file", r.file()));
        for (String rec : r.records()) {
            props.add(prop("source.sha256.record", rec));
        }
        c.setProperties(props);
        return c;
    }

    private static String packageDatabase(String family) {
        return switch (family) {
            case "deb" -> "dpkg-query -W";
            case "rpm" -> "rpm -qa";
            case "apk" -> "apk info -v";
            default -> family;
        };
    }

    static Property prop(String name, String value) {
        return new Property(NS + name, value);
    }

    /** {@code sha256:abc…} → {@code abc…}. */
    static String hex(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }

    /** A reference without its tag or digest. */
    static String repository(String reference) {
        String r = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = r.lastIndexOf(':');
        return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
    }

    private static String lastPath(String repository) {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
