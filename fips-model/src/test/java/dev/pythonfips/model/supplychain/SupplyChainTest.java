package dev.pythonfips.model.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.render.ContextRenderer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupplyChainTest {

    static final String ID = "sha256:" + "a".repeat(64);
    static final String BASE_ID = "sha256:" + "b".repeat(64);
    static final String BASE_DIGEST = "sha256:" + "c".repeat(64);
    static final String PUSH_DIGEST = "sha256:" + "d".repeat(64);

    // real output of dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\n' (trimmed), pip list --format=json
    static final String DPKG = "base-files\t12.4+deb12u12\tamd64\nlibc6\t2.36-9+deb12u13\tamd64\nlibgcc-s1\t12.2.0-14+deb12u1\tamd64\n"
            + "ca-certificates\t20230311+deb12u1\tall\n";
    static final String PIP = "[{\"name\": \"pip\", \"version\": \"24.0\"}, {\"name\": \"setuptools\", \"version\": \"69.5.1\"}]\n";

    static Cell cell(FipsSpec.Options options) throws FipsConfigException {
        FipsSpec spec = new FipsSpec(Specs.matrix(List.of("3.12.3"), List.of("debian12"), "3.1.2", "3.1.2", List.of("linux/amd64")),
                List.of(), List.of(), null, Map.of("debian12", "local/debian:bookworm"), options, List.of());
        return Specs.planner().plan(spec).cells().get(0);
    }

    static ImagesRecord.Entry entry(String baseDigest) {
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt("3.12.3-debian12-openssl3.1.2", "python-fips:3.12.3-debian12-openssl3.1.2", ID, List.of("linux/amd64"), 1L,
                new ImagesRecord.BaseImage("local/debian:bookworm", BASE_ID, baseDigest), List.of());
        return r.recordPushed("3.12.3-debian12-openssl3.1.2", ID,
                new ImagesRecord.Push("127.0.0.1:5000", "127.0.0.1:5000/python-fips:3.12.3-debian12-openssl3.1.2", PUSH_DIGEST));
    }

    static Sbom.Input input(FipsSpec.Options options, String pip) throws Exception {
        ImageContents contents = new ImageContents("deb", ImageContents.parsePackages("deb", DPKG), ImageContents.parsePipList(pip));
        return new Sbom.Input(cell(options), options, entry(BASE_DIGEST), contents, "0.1.0-SNAPSHOT", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void sbomIsValidCycloneDx16AndNamesEveryInput() throws Exception {
        String json = Sbom.json(Sbom.build(input(FipsSpec.Options.defaults(), PIP)));
        Files.writeString(Path.of("target", "test-sbom.cdx.json"), json);
        assertValid(json);

        Bom bom = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getMetadata().getComponent().getVersion()).isEqualTo(ID);
        Component python = find(bom, "cpython");
        assertThat(python.getVersion()).isEqualTo("3.12.3");
        assertThat(python.getHashes().get(0).getValue()).isEqualTo(cell(FipsSpec.Options.defaults()).pythonRelease().sha256());
        assertThat(python.getPedigree().getPatches()).singleElement()
                .satisfies(p -> {
                    assertThat(p.getDiff().getUrl()).isEqualTo("patches/3.12/python-fips.patch");
                    assertThat(p.getDiff().getText().getEncoding()).isEqualTo("base64");
                    assertThat(Digests.sha256(java.util.Base64.getDecoder().decode(p.getDiff().getText().getText())))
                            .isEqualTo(Digests.sha256(ContextRenderer.patch(Version.parse("3.12.3"))));
                });
        assertThat(prop(python, "patch.sha256")).isEqualTo(Digests.sha256(ContextRenderer.patch(Version.parse("3.12.3"))));
        Component fips = find(bom, "openssl-fips-provider");
        assertThat(prop(fips, "fips.cmvp.certificates")).isEqualTo("4985");
        assertThat(prop(fips, "fips.standard")).isEqualTo("FIPS 140-3");
        assertThat(prop(fips, "fips.tarball-modified")).isEqualTo("false");
        assertThat(fips.getExternalReferences()).anySatisfy(r -> assertThat(r.getUrl()).endsWith("/certificate/4985"));
        assertThat(find(bom, "openssl").getVersion()).isEqualTo("3.1.2");
        assertThat(find(bom, "pypi:pip").getPurl()).isEqualTo("pkg:pypi/pip@24.0");
        // the record names what listed them: importlib.metadata (what ImageContents.PYTHON_PACKAGES runs), not pip
        assertThat(prop(find(bom, "pypi:pip"), "found-by")).contains("importlib.metadata").doesNotContain("pip list");
        assertThat(String.join(" ", ImageContents.PYTHON_PACKAGES)).contains("importlib.metadata").doesNotContain("pip");
        assertThat(find(bom, "pypi:setuptools").getVersion()).isEqualTo("69.5.1");
        assertThat(find(bom, "deb:libc6:amd64").getPurl()).isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u13?arch=amd64&distro=debian12");
        assertThat(find(bom, "deb:ca-certificates:all").getVersion()).isEqualTo("20230311+deb12u1");
        Component base = find(bom, "base-image");
        assertThat(base.getVersion()).isEqualTo(BASE_DIGEST);
        assertThat(prop(base, "base-image.id")).isEqualTo(BASE_ID);
        assertThat(bom.getMetadata().getComponent().getProperties()).anySatisfy(p ->
                assertThat(p.getValue()).isEqualTo("127.0.0.1:5000/python-fips@" + PUSH_DIGEST));
        // deterministic: same inputs, same bytes
        assertThat(Sbom.json(Sbom.build(input(FipsSpec.Options.defaults(), PIP)))).isEqualTo(json);
    }

    @Test
    void theValidatorIsNotAStub() throws Exception {
        String json = Sbom.json(Sbom.build(input(FipsSpec.Options.defaults(), PIP)));
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(json);
        ((ObjectNode) doc.get("components").get(0)).put("type", "not-a-type");
        assertThat(new JsonParser().validate(doc.toString().getBytes(StandardCharsets.UTF_8), Sbom.SPEC)).isNotEmpty();
        assertThat(Sbom.validate(doc.toString())).isNotEmpty();
        assertThat(Sbom.validate(json)).isEmpty();
    }

    @Test
    void aLocalBaseImageHasNoDigestAndTheSbomSaysSo() throws Exception {
        Sbom.Input in = input(FipsSpec.Options.defaults(), PIP);
        Sbom.Input local = new Sbom.Input(in.cell(), in.options(), entry(null), in.contents(), in.pluginVersion(), null);
        String json = Sbom.json(Sbom.build(local));
        Files.writeString(Path.of("target", "test-sbom-local.cdx.json"), json);
        assertValid(json);
        Component base = find(new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8)), "base-image");
        assertThat(base.getVersion()).isEqualTo(BASE_ID);
        assertThat(base.getPurl()).isNull();
        assertThat(prop(base, "base-image.digest")).startsWith("none");
        assertThat(json).doesNotContain("\"timestamp\"");
    }

    @Test
    void configuredCryptographyMustBeInTheImage() throws Exception {
        FipsSpec.Options withCrypto = FipsSpec.Options.builder().cryptography("38.0.4").build();
        assertThatThrownBy(() -> Sbom.build(input(withCrypto, PIP)))
                .hasMessageContaining("cryptography 38.0.4").hasMessageContaining("rebuild");
        String pip = "[{\"name\":\"cryptography\",\"version\":\"38.0.4\"},{\"name\":\"pip\",\"version\":\"24.0\"}]";
        Bom bom = Sbom.build(input(withCrypto, pip));
        assertThat(prop(find(bom, "pypi:cryptography"), "cryptography.configured")).isEqualTo("38.0.4");
    }

    @Test
    void packageQueriesPerFamily() throws Exception {
        assertThat(ImageContents.packageQuery("deb")).containsExactly("dpkg-query", "-W", "-f", "${Package}\\t${Version}\\t${Architecture}\\n");
        assertThat(ImageContents.parsePackages("rpm", "openssl-libs\t1:3.0.7-27.el9\tx86_64\ngpg-pubkey\t5a6340b3-6229229e\t(none)\n"))
                .contains(new ImageContents.DistroPackage("openssl-libs", "1:3.0.7-27.el9", "x86_64"));
        assertThat(ImageContents.parsePackages("apk", "ca-certificates-bundle-20241121-r1\nglibc-2.40-r3\n"))
                .containsExactly(new ImageContents.DistroPackage("ca-certificates-bundle", "20241121-r1", ""),
                        new ImageContents.DistroPackage("glibc", "2.40-r3", ""));
        assertThatThrownBy(() -> ImageContents.parsePackages("deb", "")).hasMessageContaining("no packages");
        assertThatThrownBy(() -> ImageContents.parsePipList("Traceback ...")).hasMessageContaining("no JSON");
        assertThatThrownBy(() -> ImageContents.packageQuery("nix")).hasMessageContaining("nix");
    }

    @Test
    void provenanceNamesBuilderProjectAndEveryInputWithItsDigest() throws Exception {
        Cell cell = cell(FipsSpec.Options.defaults());
        Provenance.BuildFacts facts = new Provenance.BuildFacts("0.1.0-SNAPSHOT", "0.48.0", "20.10.24", "e".repeat(64));
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt(cell.id(), "python-fips:x", ID, List.of("linux/amd64"), 1L,
                new ImagesRecord.BaseImage("local/debian:bookworm", BASE_ID, BASE_DIGEST), List.of());
        ImagesRecord.Entry e = r.attach(cell.id(), Provenance.BUILD_KEY, facts.toJson());
        assertThat(Provenance.BuildFacts.of(e)).isEqualTo(facts);
        String json = Provenance.json(Provenance.statement(cell, FipsSpec.Options.defaults(), e, Provenance.BuildFacts.of(e),
                new Provenance.Project("com.example", "images", "1.4.0")));
        JsonNode st = new ObjectMapper().readTree(json);
        assertThat(st.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(st.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(st.at("/subject/0/digest/sha256").asText()).isEqualTo("a".repeat(64));
        assertThat(st.at("/predicate/buildDefinition/externalParameters/project/version").asText()).isEqualTo("1.4.0");
        assertThat(st.at("/predicate/runDetails/builder/version/io.fabric8:docker-maven-plugin").asText()).isEqualTo("0.48.0");
        assertThat(st.at("/predicate/runDetails/builder/version/docker-engine").asText()).isEqualTo("20.10.24");
        List<String> digests = new ArrayList<>();
        st.at("/predicate/buildDefinition/resolvedDependencies").forEach(d -> digests.add(d.at("/digest/sha256").asText()));
        assertThat(digests).containsExactly(cell.pythonRelease().sha256(), cell.opensslRelease().sha256(),
                Sbom.patchSha256(cell), "c".repeat(64), "e".repeat(64));
        assertThat(Provenance.json(Provenance.statement(cell, FipsSpec.Options.defaults(), e, facts,
                new Provenance.Project("com.example", "images", "1.4.0")))).isEqualTo(json);
        // a context hash that is not a SHA-256 is not a build fact
        ObjectNode bad = (ObjectNode) facts.toJson();
        bad.put("contextSha256", "hand-written");
        assertThat(Provenance.BuildFacts.of(r.attach(cell.id(), Provenance.BUILD_KEY, bad))).isNull();
        // a rebuild into another image id drops the build facts with the other attachments
        ImagesRecord.Entry rebuilt = r.recordBuilt(cell.id(), "python-fips:x", "sha256:" + "f".repeat(64), List.of(), 1L, null, List.of());
        assertThat(Provenance.BuildFacts.of(rebuilt)).isNull();
    }

    @Test
    void exportRepacksThePrefixAndLeavesOutABuildTimeFipsModuleCnf() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            dir(t, "python-fips/");
            file(t, "python-fips/bin/python3.12", "ELF");
            TarArchiveEntry link = new TarArchiveEntry("python-fips/bin/python3", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("python3.12");
            t.putArchiveEntry(link);
            t.closeArchiveEntry();
            file(t, "python-fips/ssl/fipsmodule.cnf", "[fips_sect]\nmodule-mac = ...\n");
            file(t, "python-fips/ssl/openssl.cnf", ".include fipsmodule.cnf\n");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        RuntimeExport.Result res = RuntimeExport.repack(new ByteArrayInputStream(tar.toByteArray()), gz);
        assertThat(res.leftOut()).containsExactly("python-fips/ssl/fipsmodule.cnf");
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray())))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
            }
        }
        assertThat(names).containsExactly("python-fips/", "python-fips/bin/python3.12", "python-fips/bin/python3 -> python3.12",
                "python-fips/ssl/openssl.cnf");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        RuntimeExport.repack(new ByteArrayInputStream(tar.toByteArray()), again);
        assertThat(again.toByteArray()).isEqualTo(gz.toByteArray());
        assertThat(RuntimeExport.fileName("c1", "amd64")).isEqualTo("python-fips-c1-amd64.tar.gz");
    }

    @Test
    void floatingBaseImagesAreNamedWithTheDigestUsed() {
        assertThat(FloatingBase.warning("c1", "docker.io/library/debian@sha256:" + "c".repeat(64), null)).isEmpty();
        assertThat(FloatingBase.warning("c1", "docker.io/library/debian:latest", BASE_DIGEST)).get().asString()
                .contains("cell c1", "tag latest can move", "docker.io/library/debian@" + BASE_DIGEST);
        assertThat(FloatingBase.warning("c1", "cgr.dev/chainguard/wolfi-base", null)).get().asString()
                .contains("latest (no tag)", "no registry digest");
        assertThat(FloatingBase.warning("c1", "127.0.0.1:5000/debian", null)).get().asString().contains("latest (no tag)");
    }

    @Test
    void contextDigestDependsOnNamesAndContents(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\n");
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/SHA256SUMS"), "abc\n");
        String d1 = Digests.tree(dir);
        assertThat(Digests.tree(dir)).isEqualTo(d1).hasSize(64);
        Files.writeString(dir.resolve("Dockerfile"), "FROM y\n");
        assertThat(Digests.tree(dir)).isNotEqualTo(d1);
    }

    /** Validates against the CycloneDX 1.6 JSON schema shipped in cyclonedx-core-java. */
    static void assertValid(String json) throws Exception {
        List<ParseException> problems = new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Sbom.SPEC);
        assertThat(problems.stream().map(Throwable::getMessage).toList()).isEmpty();
    }

    private static void dir(TarArchiveOutputStream t, String name) throws Exception {
        t.putArchiveEntry(new TarArchiveEntry(name));
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws Exception {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        t.putArchiveEntry(e);
        t.write(b);
        t.closeArchiveEntry();
    }

    private static Component find(Bom bom, String ref) {
        return bom.getComponents().stream().filter(c -> ref.equals(c.getBomRef())).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + ref));
    }

    private static String prop(Component c, String name) {
        return c.getProperties().stream().filter(p -> p.getName().equals(Sbom.NS + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no property " + name)).getValue();
    }
}
