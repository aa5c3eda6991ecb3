package dev.pythonfips.maven;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.model.record.BuildInputs;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ManifestList;
import dev.pythonfips.model.record.ReleaseTags;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fips:assemble against a fake registry: two jobs' records become one manifest list per cell, recorded only when
 * served; a missing platform, a digest the registry does not serve, platforms built from different inputs, a record
 * without inputs and two jobs disagreeing each give one line naming cell and platform, and nothing is published.
 */
class AssembleServiceTest {

    static final String REGISTRY = PushServiceTest.REGISTRY;
    static final String AMD_ID = "sha256:" + "a".repeat(64);
    static final String ARM_ID = "sha256:" + "b".repeat(64);
    static final String AMD = "sha256:" + "1".repeat(64);
    static final String ARM = "sha256:" + "2".repeat(64);
    static final String INPUTS = "sha256:" + "5".repeat(64);

    final PushServiceTest.FakeRegistry registry = new PushServiceTest.FakeRegistry();
    int writes;

    /** One job's record: the cell built for one platform and pushed under that platform's tag. */
    static AssembleService.JobRecord job(String name, Cell cell, String platform, String imageId, String digest, String inputs) {
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt(cell.id(), cell.image(), imageId, List.of(platform), 100L, null, List.of());
        if (inputs != null) {
            r.attach(cell.id(), BuildInputs.KEY, TextNode.valueOf(inputs));
        }
        String ref = REGISTRY + "/python-fips:" + cell.id() + "-" + platform.replace('/', '-');
        r.recordPushed(cell.id(), imageId, new ImagesRecord.Push(REGISTRY, ref, digest));
        return new AssembleService.JobRecord(name, r);
    }

    void serve(String digest) {
        registry.manifests.put(digest, new Registry.Manifest(ManifestList.MANIFEST_MEDIA_TYPE, "{}".getBytes(), digest));
    }

    List<String[]> assemble(Cell cell, ImagesRecord out, AssembleService.JobRecord... jobs) throws Exception {
        List<ReleaseTags.Target> targets = ReleaseTags.targets(List.of(cell), REGISTRY, List.of("3.11-debian12"), MavenWording.of(null));
        return new AssembleService(registry, host -> null, new SystemStreamLog()).assemble(List.of(cell), targets, List.of(jobs), out,
                r -> writes++);
    }

    @Test
    void twoJobsBecomeOneManifestListPerCellRecordedOnlyWhenServed() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64", "linux/arm64");
        serve(AMD);
        serve(ARM);
        ImagesRecord out = new ImagesRecord();
        List<String[]> rows = assemble(cell, out, job("amd64/images.json", cell, "linux/amd64", AMD_ID, AMD, INPUTS),
                job("arm64/images.json", cell, "linux/arm64", ARM_ID, ARM, INPUTS));
        assertThat(registry.puts).containsExactly(REGISTRY + "/python-fips:" + cell.id(), REGISTRY + "/python-fips:3.11-debian12");
        ImagesRecord.Entry e = out.cell(cell.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.PUSHED);
        assertThat(e.platformImages()).extracting(ImagesRecord.PlatformImage::imageId).containsExactly(AMD_ID, ARM_ID);
        assertThat(e.pushes()).hasSize(2).allSatisfy(p -> {
            assertThat(p.digest()).isEqualTo(registry.tags.get(p.reference()));
            assertThat(p.manifests()).extracting(ImagesRecord.PlatformManifest::digest).containsExactly(AMD, ARM);
        });
        assertThat(e.extra().get(BuildInputs.KEY).asText()).isEqualTo(INPUTS);
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r[3]).isEqualTo("assembled (2 platform(s))"));
        assertThat(writes).isEqualTo(1);
    }

    @Test
    void everyProblemIsOneLineNamingCellAndPlatformAndNothingIsPublished() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64", "linux/arm64");
        serve(AMD);
        ImagesRecord out = new ImagesRecord();
        // a missing platform
        assertThatThrownBy(() -> assemble(cell, out, job("amd64/images.json", cell, "linux/amd64", AMD_ID, AMD, INPUTS)))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("nothing was assembled")
                .hasMessageContaining("cell " + cell.id() + " linux/arm64: no job recorded a push of " + REGISTRY + "/python-fips:"
                        + cell.id() + "-linux-arm64 (records: amd64/images.json)");
        // a digest the registry does not serve
        assertThatThrownBy(() -> assemble(cell, out, job("amd64/images.json", cell, "linux/amd64", AMD_ID, AMD, INPUTS),
                job("arm64/images.json", cell, "linux/arm64", ARM_ID, ARM, INPUTS)))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("cell " + cell.id() + " linux/arm64: the registry " + REGISTRY + " does not serve " + ARM);
        // platforms built from different inputs
        serve(ARM);
        assertThatThrownBy(() -> assemble(cell, out, job("amd64/images.json", cell, "linux/amd64", AMD_ID, AMD, INPUTS),
                job("arm64/images.json", cell, "linux/arm64", ARM_ID, ARM, "sha256:" + "6".repeat(64))))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("cell " + cell.id() + ": its platforms were built from different inputs: linux/amd64 from "
                        + INPUTS + " (amd64/images.json), linux/arm64 from sha256:6666");
        // a record without inputs, and two jobs that disagree
        assertThatThrownBy(() -> assemble(cell, out, job("amd64/images.json", cell, "linux/amd64", AMD_ID, AMD, null),
                job("arm64/images.json", cell, "linux/arm64", ARM_ID, ARM, INPUTS),
                job("arm64-again/images.json", cell, "linux/arm64", ARM_ID, "sha256:" + "7".repeat(64), INPUTS)))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("cell " + cell.id() + " linux/amd64: amd64/images.json records no build inputs")
                .hasMessageContaining("cell " + cell.id() + " linux/arm64: jobs recorded different images");
        assertThat(registry.puts).isEmpty();
        assertThat(out.cells()).isEmpty();
        assertThat(writes).isZero();
    }
}
