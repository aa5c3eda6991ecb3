package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ManifestList;
import dev.pythonfips.model.record.ReleaseTags;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fips:push's loop against a fake engine, registry and pusher: what images.json records and what the user reads when
 * the push works, is refused, leaves a digest the registry does not serve, finds the image gone or the engine down,
 * and when a re-run finds everything already there; and the manifest list of a multi-platform cell.
 */
class PushServiceTest {

    static final String REGISTRY = "127.0.0.1:5000";
    static final String ID = "sha256:" + "a".repeat(64);
    static final String ARM = "sha256:" + "b".repeat(64);
    static final String DIGEST = "sha256:" + "d".repeat(64);

    /** The engine: images it holds, names given to them, and the digest it reports after a push. */
    static final class FakeEngine extends EngineStub {
        final Map<String, String> images = new HashMap<>();
        final List<String> tags = new ArrayList<>();
        final Map<String, String> pushedDigests = new HashMap<>();
        IOException gone;

        @Override
        public Optional<String> imageId(String ref) throws IOException {
            if (gone != null) {
                throw gone;
            }
            return Optional.ofNullable(images.get(ref));
        }

        @Override
        public void tag(String source, String reference) throws IOException {
            if (gone != null) {
                throw gone;
            }
            tags.add(source + " " + reference);
        }

        @Override
        public Optional<String> pushedDigest(String imageId, String repository) {
            return Optional.ofNullable(pushedDigests.get(imageId));
        }







    }

    /** The registry: digest per tag, manifests per digest, manifest lists put. */
    static final class FakeRegistry implements Registry {
        final Map<String, String> tags = new HashMap<>();
        final Map<String, Manifest> manifests = new HashMap<>();
        final List<String> puts = new ArrayList<>();

        @Override
        public Optional<String> manifestDigest(String host, String repository, String tag, Credentials creds) {
            return Optional.ofNullable(tags.get(repository + ":" + tag));
        }

        @Override
        public Optional<Manifest> manifest(String host, String repository, String reference, Credentials creds) {
            return Optional.ofNullable(manifests.get(reference));
        }

        @Override
        public String putManifest(String host, String repository, String tag, String mediaType, byte[] body, Credentials creds) {
            String digest = "sha256:" + dev.pythonfips.model.Digests.sha256(body);
            tags.put(repository + ":" + tag, digest);
            puts.add(repository + ":" + tag);
            return digest;
        }
    }

    final FakeEngine engine = new FakeEngine();
    final FakeRegistry registry = new FakeRegistry();
    final List<String> pushed = new ArrayList<>();
    int writes;

    /** A pusher that "pushes" by making the registry serve the engine's digest for the reference's tag. */
    PushService.Pusher pusherServing(String digest) {
        return (cell, platform, reference, extraTags) -> {
            pushed.add(platform + " " + reference + " " + extraTags);
            String repository = reference.substring(0, reference.lastIndexOf(':'));
            registry.tags.put(reference, digest);
            for (String tag : extraTags) {
                registry.tags.put(repository + ":" + tag, digest);
            }
            engine.pushedDigests.putIfAbsent(ID, digest);
        };
    }

    static Cell cell(String... platforms) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.11.2", "debian12", "3.0.20", "3.0.20", List.of(platforms))),
                List.of(), null, Map.of(), FipsSpec.Options.builder().allowUnvalidatedProvider(true)
                        .build(), List.of());
        return new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23)).plan(spec).cells().get(0);
    }

    PushService.Outcome push(PushService.Pusher pusher, Cell cell, ImagesRecord record) throws Exception {
        return push(pusher, cell, record, false);
    }

    PushService.Outcome push(PushService.Pusher pusher, Cell cell, ImagesRecord record, boolean perPlatform) throws Exception {
        List<ReleaseTags.Target> targets = ReleaseTags.targets(List.of(cell), REGISTRY, List.of("3.11-debian12"), MavenWording.of(null));
        return new PushService(engine, registry, pusher, host -> null, new SystemStreamLog())
                .push(List.of(cell), targets, record, "target/fips/images.json", r -> writes++, perPlatform);
    }

    @Test
    void aFanOutJobPushesItsPlatformsImageUnderThePlatformsTagOnly() throws Exception {
        Cell cell = cell("linux/arm64");
        ImagesRecord record = new ImagesRecord();
        record.recordBuilt(cell.id(), cell.image(), ID, List.of("linux/arm64"), 1L, null, List.of());
        engine.images.put(ID, ID);
        PushService.Outcome o = push(pusherServing(DIGEST), cell, record, true);
        assertThat(o.failure()).isNull();
        String ref = REGISTRY + "/python-fips:" + cell.id() + "-linux-arm64";
        assertThat(pushed).containsExactly("linux/arm64 " + ref + " []");
        assertThat(record.cell(cell.id()).orElseThrow().pushed(ref)).map(ImagesRecord.Push::digest).contains(DIGEST);
        assertThat(record.cell(cell.id()).orElseThrow().pushes()).hasSize(1);

        // an entry built for two platforms is not a job's: refused before anything is pushed
        Cell both = cell("linux/amd64", "linux/arm64");
        ImagesRecord multi = new ImagesRecord();
        multi.recordBuilt(both.id(), both.image(), ID, List.of("linux/amd64", "linux/arm64"), 1L, null, List.of(),
                List.of(new ImagesRecord.PlatformImage("linux/amd64", both.image(), ID, 1L, null),
                        new ImagesRecord.PlatformImage("linux/arm64", both.image(), ARM, 1L, null)));
        pushed.clear();
        assertThatThrownBy(() -> push(pusherServing(DIGEST), both, multi, true)).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("a per-platform push (fips.push.perPlatform) pushes the image of one platform");
        assertThat(pushed).isEmpty();
    }

    ImagesRecord built(Cell cell) {
        ImagesRecord record = new ImagesRecord();
        record.recordBuilt(cell.id(), cell.image(), ID, List.of("linux/amd64"), 1L, null, List.of());
        engine.images.put(ID, ID);
        return record;
    }

    @Test
    void aPushRecordsEachReferenceWithTheDigestTheRegistryServes() throws Exception {
        Cell cell = cell("linux/amd64");
        ImagesRecord record = built(cell);
        PushService.Outcome o = push(pusherServing(DIGEST), cell, record);
        assertThat(o.failure()).isNull();
        assertThat(engine.tags).containsExactly(ID + " " + REGISTRY + "/python-fips:" + cell.id(), ID + " " + REGISTRY + "/python-fips:3.11-debian12");
        assertThat(pushed).containsExactly("linux/amd64 " + REGISTRY + "/python-fips:" + cell.id() + " [3.11-debian12]");
        ImagesRecord.Entry e = record.cell(cell.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.PUSHED);
        assertThat(e.pushes()).extracting(ImagesRecord.Push::digest).containsOnly(DIGEST).hasSize(2);
        assertThat(o.rows()).extracting(r -> r[3]).containsOnly("pushed");
        assertThat(writes).isEqualTo(1);

        // a re-run finds the registry serving the recorded digests: nothing is tagged or pushed again
        engine.tags.clear();
        pushed.clear();
        PushService.Outcome again = push(pusherServing(DIGEST), cell, record);
        assertThat(again.failure()).isNull();
        assertThat(engine.tags).isEmpty();
        assertThat(pushed).isEmpty();
        assertThat(again.rows()).extracting(r -> r[3]).containsOnly("present");
    }

    @Test
    void aRefusedPushRecordsTheFailureAndNoDigest() throws Exception {
        Cell cell = cell("linux/amd64");
        ImagesRecord record = built(cell);
        PushService.Outcome o = push((c, p, ref, extra) -> {
            throw new IOException("denied: requested access to the resource is denied");
        }, cell, record);
        assertThat(o.failure()).contains("push of cell " + cell.id()).contains("denied: requested access");
        ImagesRecord.Entry e = record.cell(cell.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.PUSH_FAILED);
        assertThat(e.pushes()).isEmpty();
        assertThat(o.rows()).extracting(r -> r[3]).containsOnly("FAILED");
        assertThat(writes).as("the failure is written down too").isEqualTo(1);
    }

    @Test
    void aDigestTheRegistryDoesNotServeIsNeverRecorded() throws Exception {
        Cell cell = cell("linux/amd64");
        ImagesRecord record = built(cell);
        PushService.Outcome o = push((c, p, ref, extra) -> {
            engine.pushedDigests.put(ID, DIGEST);
            registry.tags.put(REGISTRY + "/python-fips:" + cell.id(), "sha256:" + "e".repeat(64)); // someone else's image
        }, cell, record);
        assertThat(o.failure()).contains("the registry serves sha256:eeee").contains("the engine pushed " + DIGEST);
        assertThat(record.cell(cell.id()).orElseThrow().pushes()).isEmpty();
        assertThat(record.cell(cell.id()).orElseThrow().status()).isEqualTo(ImagesRecord.PUSH_FAILED);
    }

    @Test
    void anUnbuiltCellOrAnImageTheEngineLostPushesNothingAndNamesEachCell() throws Exception {
        Cell cell = cell("linux/amd64");
        assertThatThrownBy(() -> push(pusherServing(DIGEST), cell, new ImagesRecord()))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("nothing was pushed")
                .hasMessageContaining("cell " + cell.id()).hasMessageContaining("run fips:build");
        ImagesRecord record = built(cell);
        engine.images.clear();
        assertThatThrownBy(() -> push(pusherServing(DIGEST), cell, record))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("is not in the engine tcp://fake:2375");
        assertThat(pushed).isEmpty();
        assertThat(writes).isZero();
    }

    @Test
    void anEngineThatIsGoneFailsWithTheFixBeforeAnythingIsPushed() throws Exception {
        Cell cell = cell("linux/amd64");
        ImagesRecord record = built(cell);
        engine.gone = new IOException("Cannot connect to the Docker daemon at tcp://fake:2375");
        assertThatThrownBy(() -> push(pusherServing(DIGEST), cell, record))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("Cannot connect").hasMessageContaining("start the Docker engine");
        assertThat(pushed).isEmpty();
        assertThat(record.cell(cell.id()).orElseThrow().status()).isEqualTo(ImagesRecord.BUILT);
    }

    @Test
    void aMultiPlatformCellPushesEachPlatformThenOneManifestListRecordedOnlyWhenServed() throws Exception {
        Cell cell = cell("linux/amd64", "linux/arm64");
        ImagesRecord record = new ImagesRecord();
        record.recordBuilt(cell.id(), cell.image(), ID, List.of("linux/amd64", "linux/arm64"), 1L, null, List.of(),
                List.of(new ImagesRecord.PlatformImage("linux/amd64", cell.image(), ID, 1L, null),
                        new ImagesRecord.PlatformImage("linux/arm64", cell.image() + "-linux-arm64", ARM, 1L, null)));
        engine.images.put(ID, ID);
        engine.images.put(ARM, ARM);
        String amdDigest = "sha256:" + "1".repeat(64);
        String armDigest = "sha256:" + "2".repeat(64);
        byte[] body = "{}".getBytes();
        registry.manifests.put(amdDigest, new Registry.Manifest(ManifestList.MANIFEST_MEDIA_TYPE, body, amdDigest));
        registry.manifests.put(armDigest, new Registry.Manifest(ManifestList.MANIFEST_MEDIA_TYPE, body, armDigest));
        PushService.Outcome o = push((c, platform, ref, extra) -> {
            pushed.add(platform + " " + ref);
            engine.pushedDigests.put(platform.toString().endsWith("arm64") ? ARM : ID,
                    platform.toString().endsWith("arm64") ? armDigest : amdDigest);
        }, cell, record);
        assertThat(o.failure()).isNull();
        assertThat(pushed).containsExactly("linux/amd64 " + REGISTRY + "/python-fips:" + cell.id() + "-linux-amd64",
                "linux/arm64 " + REGISTRY + "/python-fips:" + cell.id() + "-linux-arm64");
        assertThat(registry.puts).containsExactly(REGISTRY + "/python-fips:" + cell.id(), REGISTRY + "/python-fips:3.11-debian12");
        ImagesRecord.Push push = record.cell(cell.id()).orElseThrow().pushes().get(0);
        assertThat(push.manifests()).extracting(ImagesRecord.PlatformManifest::digest).containsExactly(amdDigest, armDigest);
        assertThat(push.digest()).isEqualTo(registry.tags.get(REGISTRY + "/python-fips:" + cell.id()));

        // a platform whose manifest the registry does not have: the cell's push fails, naming it, and no list is put
        ImagesRecord again = new ImagesRecord();
        again.recordBuilt(cell.id(), cell.image(), ID, List.of("linux/amd64", "linux/arm64"), 1L, null, List.of(),
                List.of(new ImagesRecord.PlatformImage("linux/amd64", cell.image(), ID, 1L, null),
                        new ImagesRecord.PlatformImage("linux/arm64", cell.image() + "-linux-arm64", ARM, 1L, null)));
        registry.manifests.remove(armDigest);
        registry.puts.clear();
        registry.tags.clear();
        PushService.Outcome failed = push((c, platform, ref, extra) -> { }, cell, again);
        assertThat(failed.failure()).contains("the registry has no manifest " + armDigest);
        assertThat(registry.puts).isEmpty();
        assertThat(again.cell(cell.id()).orElseThrow().pushes()).isEmpty();
    }
}
