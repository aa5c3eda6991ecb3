package dev.pythonfips.model.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.plan.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestListTest {

    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final String ID1 = "sha256:" + "a".repeat(64);
    static final String ID2 = "sha256:" + "b".repeat(64);

    @TempDir
    Path tmp;

    private static ManifestList twoPlatforms() {
        return new ManifestList(List.of(
                new ManifestList.Entry(Platform.parse("linux/amd64"), ManifestList.MANIFEST_MEDIA_TYPE, 529, D1),
                new ManifestList.Entry(Platform.parse("linux/arm64/v8"), ManifestList.MANIFEST_MEDIA_TYPE, 530, D2)));
    }

    @Test
    void listNamesEachPlatformManifestInOrderAndItsDigestIsTheSha256OfItsBytes() throws Exception {
        ManifestList list = twoPlatforms();
        JsonNode doc = new ObjectMapper().readTree(list.bytes());
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(doc.path("mediaType").asText()).isEqualTo(ManifestList.LIST_MEDIA_TYPE);
        assertThat(doc.path("manifests").get(0).path("digest").asText()).isEqualTo(D1);
        assertThat(doc.path("manifests").get(0).path("size").asLong()).isEqualTo(529);
        assertThat(doc.path("manifests").get(0).path("platform").path("architecture").asText()).isEqualTo("amd64");
        assertThat(doc.path("manifests").get(0).path("platform").has("variant")).isFalse();
        assertThat(doc.path("manifests").get(1).path("platform").path("variant").asText()).isEqualTo("v8");
        assertThat(list.digest()).isEqualTo("sha256:" + Digests.sha256(list.bytes()));
        // deterministic: the same platform manifests give the same list digest
        assertThat(twoPlatforms().digest()).isEqualTo(list.digest());
    }

    @Test
    void parsesARegistrysListSkippingAttestationsAndFindsAPlatform() throws Exception {
        String body = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":100,"digest":"%s","platform":{"architecture":"amd64","os":"linux"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":101,"digest":"%s","platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":102,"digest":"%s","platform":{"architecture":"unknown","os":"unknown"}}]}
                """.formatted(D1, D2, "sha256:" + "3".repeat(64));
        ManifestList list = ManifestList.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(list.entries()).hasSize(2);
        assertThat(list.entry(Platform.parse("linux/arm64")).orElseThrow().digest()).isEqualTo(D2);
        assertThat(list.entry(Platform.parse("linux/arm64/v8")).orElseThrow().digest()).isEqualTo(D2);
        assertThat(list.entry(Platform.parse("linux/s390x"))).isEmpty();
        assertThat(ManifestList.isList("application/vnd.oci.image.index.v1+json")).isTrue();
        assertThat(ManifestList.isList(ManifestList.MANIFEST_MEDIA_TYPE)).isFalse();
    }

    @Test
    void refusesDuplicatePlatformsAndEntriesWithoutDigest() {
        assertThatThrownBy(() -> new ManifestList(List.of(
                new ManifestList.Entry(Platform.parse("linux/amd64"), ManifestList.MANIFEST_MEDIA_TYPE, 1, D1),
                new ManifestList.Entry(Platform.parse("linux/amd64"), ManifestList.MANIFEST_MEDIA_TYPE, 1, D2))))
                .hasMessageContaining("linux/amd64 appears twice");
        assertThatThrownBy(() -> new ManifestList.Entry(Platform.parse("linux/amd64"), ManifestList.MANIFEST_MEDIA_TYPE, 1, "latest"))
                .hasMessageContaining("sha256 digest");
    }

    @Test
    void imageReferencesAreSplitTheWayTheRegistryApiNeedsThem() {
        ImageReference hub = ImageReference.parse("debian:bookworm").orElseThrow();
        assertThat(hub).isEqualTo(new ImageReference("docker.io", "library/debian", "bookworm", null));
        assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(hub.pinned(D1)).isEqualTo("docker.io/library/debian@" + D1);
        ImageReference local = ImageReference.parse("127.0.0.1:5000/base/debian@" + D2).orElseThrow();
        assertThat(local).isEqualTo(new ImageReference("127.0.0.1:5000", "base/debian", null, D2));
        assertThat(local.manifestReference()).isEqualTo(D2);
        assertThat(ImageReference.parse("rockylinux/rockylinux").orElseThrow().tag()).isEqualTo("latest");
        assertThat(ImageReference.parse("Not A Reference")).isEmpty();
    }

    @Test
    void imagesRecordKeepsOneImagePerPlatformAndTheListPushNamingThem() throws Exception {
        ImagesRecord r = new ImagesRecord();
        List<ImagesRecord.PlatformImage> pis = List.of(
                new ImagesRecord.PlatformImage("linux/amd64", "python-fips:c1-linux-amd64", ID1, 10L, null),
                new ImagesRecord.PlatformImage("linux/arm64", "python-fips:c1-linux-arm64", ID2, 11L,
                        new ImagesRecord.BaseImage("127.0.0.1:5000/debian@" + D2, ID2, D2)));
        r.recordBuilt("c1", "python-fips:c1", ID1, List.of("linux/amd64", "linux/arm64"), 10L, null, List.of("python-fips:c1"), pis);
        assertThat(r.cell("c1").orElseThrow().imageFor("linux/arm64")).contains(ID2);
        assertThat(r.cell("c1").orElseThrow().imageFor("linux/s390x")).isEmpty();
        // a list push must name every platform
        assertThatThrownBy(() -> r.recordPushed("c1", ID1, new ImagesRecord.Push("127.0.0.1:5000", "127.0.0.1:5000/p:c1", D1)))
                .hasMessageContaining("manifest list naming every platform");
        r.recordPushed("c1", ID1, new ImagesRecord.Push("127.0.0.1:5000", "127.0.0.1:5000/p:c1", D1, List.of(
                new ImagesRecord.PlatformManifest("linux/amd64", "127.0.0.1:5000/p:c1-linux-amd64", D1),
                new ImagesRecord.PlatformManifest("linux/arm64", "127.0.0.1:5000/p:c1-linux-arm64", D2))));
        Path file = tmp.resolve("images.json");
        r.write(file);
        ImagesRecord back = ImagesRecord.read(file, PomWording.INSTANCE);
        assertThat(back.cell("c1").orElseThrow()).isEqualTo(r.cell("c1").orElseThrow());
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.at("/cells/0/platformImages/1/baseImage/digest").asText()).isEqualTo(D2);
        assertThat(doc.at("/cells/0/pushes/0/manifests/1/digest").asText()).isEqualTo(D2);
        // a rebuild where one platform's image changed is a new image: the list push is no longer claimed
        r.recordBuilt("c1", "python-fips:c1", ID1, List.of("linux/amd64", "linux/arm64"), 10L, null, List.of(),
                List.of(pis.get(0), new ImagesRecord.PlatformImage("linux/arm64", "python-fips:c1-linux-arm64",
                        "sha256:" + "c".repeat(64), 11L, null)));
        assertThat(r.cell("c1").orElseThrow().pushes()).isEmpty();
        assertThat(r.cell("c1").orElseThrow().status()).isEqualTo(ImagesRecord.BUILT);
    }
}
