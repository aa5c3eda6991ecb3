package dev.pythonfips.maven;

import dev.pythonfips.model.record.BuildInputs;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.supplychain.Provenance;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fips:build's loop against a fake engine and builder: what images.json records and whether the loop goes on, when a
 * build works, fails, reports success without an image, gives an image for another platform, or loses the engine
 * while it is inspected; a base image missing locally is pulled for the cell's platform; a multi-platform cell records
 * each platform's image and names the first.
 */
class BuildServiceTest {

    @TempDir
    Path tmp;

    static final String ID = "sha256:" + "a".repeat(64);
    static final String ARM = "sha256:" + "b".repeat(64);
    static final String BASE = "sha256:" + "c".repeat(64);

    /** An engine holding images by reference (reference -> id, id -> platform); records tags and pulls. */
    static final class FakeEngine extends EngineStub {
        final Map<String, String> ids = new HashMap<>();
        final Map<String, String> platforms = new HashMap<>();
        final List<String> tags = new ArrayList<>();
        final List<String> pulls = new ArrayList<>();
        IOException gone;

        FakeEngine holds(String ref, String id, String platform) {
            ids.put(ref, id);
            ids.put(id, id);
            platforms.put(id, platform);
            return this;
        }

        @Override
        public Optional<String> imageId(String ref) throws IOException {
            if (gone != null) {
                throw gone;
            }
            return Optional.ofNullable(ids.get(ref));
        }

        @Override
        public String imagePlatform(String ref) {
            return platforms.get(ids.get(ref));
        }

        @Override
        public long imageSize(String ref) {
            return ids.containsKey(ref) ? 243_000_000L : -1;
        }

        @Override
        public List<String> repoDigests(String ref) {
            return List.of("debian@sha256:" + "9".repeat(64));
        }

        @Override
        public void tag(String source, String reference) {
            tags.add(source + " " + reference);
            ids.put(reference, ids.get(source));
        }

        @Override
        public void pull(String ref, Platform platform, long timeoutSeconds) {
            pulls.add(platform + " " + ref);
        }
    }

    final FakeEngine engine = new FakeEngine();
    final List<String> built = new ArrayList<>();
    int writes;

    BuildService.Outcome build(BuildService.Builder builder, Map<String, Map<Platform, String>> pins, ImagesRecord record,
                               Cell... cells) throws MojoExecutionException, IOException {
        for (Cell c : cells) {
            Files.createDirectories(tmp.resolve(c.id()));
            Files.writeString(tmp.resolve(c.id()).resolve("Dockerfile"), "FROM scratch\n");
        }
        BuildService.Settings s = new BuildService.Settings(tmp.toFile(), List.of("3.11"), 60, false, false, "0.1.0", "0.48.0");
        return new BuildService(engine, builder, s, new SystemStreamLog()).build(List.of(cells), pins, record, r -> writes++);
    }

    /** A builder that "builds" by making the engine hold the reference as an image of the asked platform. */
    BuildService.Builder building(String id) {
        return (cell, platform, reference, args, tags, progress) -> {
            built.add(platform + " " + reference + " " + args + " " + tags);
            engine.holds(reference, platform.toString().endsWith("arm64") ? ARM : id, platform.toString());
        };
    }

    @Test
    void aBuiltCellIsRecordedWithWhatTheEngineHolds() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64");
        engine.holds(cell.baseImage(), BASE, "linux/amd64");
        ImagesRecord record = new ImagesRecord();
        BuildService.Outcome o = build(building(ID), Map.of(), record, cell);
        assertThat(o.failed()).isFalse();
        assertThat(built).containsExactly("linux/amd64 " + cell.image() + " {} [3.11]");
        assertThat(engine.pulls).as("the base is held: nothing pulled").isEmpty();
        ImagesRecord.Entry e = record.cell(cell.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.BUILT);
        assertThat(e.imageId()).isEqualTo(ID);
        assertThat(e.size()).isEqualTo(243_000_000L);
        assertThat(e.baseImage().imageId()).isEqualTo(BASE);
        assertThat(e.baseImage().digest()).isEqualTo("sha256:" + "9".repeat(64));
        assertThat(e.tags()).containsExactly(cell.image(), cell.image().substring(0, cell.image().lastIndexOf(':')) + ":3.11");
        assertThat(e.extra()).containsKey(Provenance.BUILD_KEY);
        assertThat(record.cell(cell.id()).orElseThrow().extra().get(BuildInputs.KEY).asText())
                .isEqualTo(BuildInputs.of(tmp.resolve(cell.id())));
        assertThat(o.rows()).singleElement().satisfies(r -> assertThat(r[2]).isEqualTo("built"));
        assertThat(writes).isEqualTo(1);
    }

    @Test
    void aFailedBuildIsRecordedAsFailedAndStopsTheLoop() throws Exception {
        Cell first = PushServiceTest.cell("linux/amd64");
        Cell second = PushServiceTest.cell("linux/arm64");
        engine.holds(first.baseImage(), BASE, "linux/amd64");
        ImagesRecord record = new ImagesRecord();
        BuildService.Outcome o = build((cell, platform, reference, args, tags, progress) -> {
            built.add(reference);
            throw new MojoExecutionException("The command '/bin/sh -c sh /fips/scripts/build-openssl.sh' returned a non-zero code: 2");
        }, Map.of(), record, first, second);
        assertThat(o.failed()).isTrue();
        assertThat(built).as("the second cell is not started").hasSize(1);
        ImagesRecord.Entry e = record.cell(first.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.BUILD_FAILED);
        assertThat(e.hasImage()).isFalse();
        assertThat(e.error()).contains("fabric8 docker:build failed").contains("non-zero code: 2");
        assertThat(o.rows()).singleElement().satisfies(r -> assertThat(r[2]).isEqualTo("FAILED"));
        assertThat(writes).isEqualTo(1);
    }

    @Test
    void successWithoutAnImageOrWithAnImageForAnotherPlatformIsNotRecordedAsBuilt() throws Exception {
        Cell cell = PushServiceTest.cell("linux/arm64");
        engine.holds(cell.baseImage(), BASE, "linux/arm64");
        ImagesRecord record = new ImagesRecord();
        BuildService.Outcome none = build((c, p, ref, a, t, progress) -> { }, Map.of(), record, cell);
        assertThat(none.failed()).isTrue();
        assertThat(record.cell(cell.id()).orElseThrow().error()).contains("fabric8 reported success, but " + EngineStub.NAME + " has no image");

        // an engine that ignores the platform option builds for its own
        BuildService.Outcome wrong = build((c, p, ref, a, t, progress) -> engine.holds(ref, ID, "linux/amd64"), Map.of(), record, cell);
        assertThat(wrong.failed()).isTrue();
        assertThat(record.cell(cell.id()).orElseThrow().error()).contains("for linux/amd64, not for the asked linux/arm64");
        assertThat(record.cell(cell.id()).orElseThrow().hasImage()).isFalse();
    }

    @Test
    void anEngineLostWhileTheImageIsInspectedRecordsTheFailure() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64");
        engine.holds(cell.baseImage(), BASE, "linux/amd64");
        ImagesRecord record = new ImagesRecord();
        BuildService.Outcome o = build((c, p, ref, a, t, progress) ->
                engine.gone = new IOException("Cannot connect to the Docker daemon at " + EngineStub.NAME), Map.of(), record, cell);
        assertThat(o.failed()).isTrue();
        assertThat(record.cell(cell.id()).orElseThrow().error()).contains("cannot inspect the built image: Cannot connect");
    }

    @Test
    void aBaseImageTheEngineLacksIsPulledForTheCellsPlatform() throws Exception {
        Cell cell = PushServiceTest.cell("linux/arm64");
        build(building(ID), Map.of(), new ImagesRecord(), cell);
        assertThat(engine.pulls).containsExactly("linux/arm64 " + cell.baseImage());
    }

    @Test
    void aMultiPlatformCellRecordsEachPlatformsImageAndNamesTheFirst() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64", "linux/arm64");
        String amdPin = "127.0.0.1:5000/debian@sha256:" + "1".repeat(64);
        String armPin = "127.0.0.1:5000/debian@sha256:" + "2".repeat(64);
        engine.holds(amdPin, BASE, "linux/amd64");
        ImagesRecord record = new ImagesRecord();
        BuildService.Outcome o = build(building(ID), Map.of(cell.id(), Map.of(Platform.parse("linux/amd64"), amdPin,
                Platform.parse("linux/arm64"), armPin)), record, cell);
        assertThat(o.failed()).isFalse();
        assertThat(built).containsExactly(
                "linux/amd64 " + cell.platformImage(Platform.parse("linux/amd64")) + " {" + BasePins.BUILD_ARG + "=" + amdPin + "} []",
                "linux/arm64 " + cell.platformImage(Platform.parse("linux/arm64")) + " {" + BasePins.BUILD_ARG + "=" + armPin + "} []");
        assertThat(engine.pulls).as("a pinned base is the build's own business").isEmpty();
        ImagesRecord.Entry e = record.cell(cell.id()).orElseThrow();
        assertThat(e.platformImages()).extracting(ImagesRecord.PlatformImage::imageId).containsExactly(ID, ARM);
        assertThat(e.platformImages()).extracting(p -> p.baseImage().reference()).containsExactly(amdPin, armPin);
        assertThat(engine.tags).contains(ID + " " + cell.image());
        assertThat(e.imageId()).isEqualTo(ID);
    }
}
