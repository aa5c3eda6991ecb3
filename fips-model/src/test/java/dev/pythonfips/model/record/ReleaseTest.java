package dev.pythonfips.model.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.CellFilter;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Release pieces: cell filter, push targets and tag patterns, images.json. */
class ReleaseTest {

    static final Wording W = PomWording.INSTANCE;
    static final String ID1 = "sha256:" + "1".repeat(64);
    static final String ID2 = "sha256:" + "2".repeat(64);
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "b".repeat(64);

    private static List<Cell> seedCells() throws FipsConfigException {
        return Specs.planner().plan(Specs.seedMatrix()).cells();
    }

    private static List<Cell> cells(String imageName) throws FipsConfigException {
        FipsSpec s = Specs.seedMatrix();
        return Specs.planner().plan(new FipsSpec(s.matrix(), s.images(), s.excludes(), imageName, s.baseImages(),
                s.options(), s.sources())).cells();
    }

    // --- cell filter

    @Test
    void filterSelectsByIdAndGlobInPlanOrder() throws Exception {
        List<Cell> all = seedCells();
        assertThat(CellFilter.select(all, null, W)).isEqualTo(all);
        assertThat(CellFilter.select(all, " ", W)).isEqualTo(all);
        assertThat(CellFilter.select(all, "3.12.3-*", W).stream().map(Cell::id))
                .containsExactly("3.12.3-rocky9-openssl3.0.9", "3.12.3-wolfi-openssl3.0.9");
        assertThat(CellFilter.select(all, "*-wolfi-*, 3.11.9-rocky9-openssl3.0.9", W).stream().map(Cell::id))
                .containsExactly("3.9.19-wolfi-openssl1.0.2u-fips2.0.16", "3.11.9-rocky9-openssl3.0.9",
                        "3.11.9-wolfi-openssl3.0.9", "3.12.3-wolfi-openssl3.0.9");
        assertThat(CellFilter.select(all, "3.1?.9-rocky9-*", W).stream().map(Cell::id)).containsExactly("3.11.9-rocky9-openssl3.0.9");
    }

    @Test
    void filterReportsEveryPatternThatMatchesNothingOrIsMalformed() throws Exception {
        List<Cell> all = seedCells();
        assertThatThrownBy(() -> CellFilter.select(all, "3.10.*,3.12.3-*,rm -rf", W))
                .isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("<cells> (fips.cells): \"3.10.*\" matches no cell")
                .hasMessageContaining("3.11.9-rocky9-openssl3.0.9")
                .hasMessageContaining("\"rm -rf\" is not a cell id or glob");
    }

    // --- push targets

    @Test
    void targetsPrefixTheRegistryAndExpandTagPatterns() throws Exception {
        List<ReleaseTags.Target> t = ReleaseTags.targets(CellFilter.select(seedCells(), "3.12.3-wolfi-*", W),
                "127.0.0.1:5000/team/", List.of("{pythonMinor}-{distro}", "{python}-{distro}-1.4.0", "{id}"), W);
        assertThat(t).hasSize(1);
        assertThat(t.get(0).registry()).isEqualTo("127.0.0.1:5000");
        assertThat(t.get(0).repository()).isEqualTo("127.0.0.1:5000/team/python-fips");
        assertThat(t.get(0).tags()).containsExactly("3.12.3-wolfi-openssl3.0.9", "3.12-wolfi", "3.12.3-wolfi-1.4.0");
        assertThat(t.get(0).references()).first().isEqualTo("127.0.0.1:5000/team/python-fips:3.12.3-wolfi-openssl3.0.9");
    }

    @Test
    void aRegistryInTheImageNameIsUsedAsIs() throws Exception {
        List<ReleaseTags.Target> t = ReleaseTags.targets(cells("registry.example.com/fips/python:{id}"), "", List.of(), W);
        assertThat(t).allSatisfy(x -> {
            assertThat(x.registry()).isEqualTo("registry.example.com");
            assertThat(x.repository()).isEqualTo("registry.example.com/fips/python");
        });
    }

    @Test
    void everyTagAndRegistryMistakeIsReportedBeforeAnythingRuns() throws Exception {
        List<Cell> all = seedCells();
        assertThatThrownBy(() -> ReleaseTags.targets(all, "localhost:5000", List.of("{pythonMajor}", "-{id}"), W))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("unknown placeholder(s) [{pythonMajor}]")
                .hasMessageContaining("\"-{id}\" gives \"-3.9.19-rocky9-openssl1.0.2u-fips2.0.16\"");
        assertThatThrownBy(() -> ReleaseTags.targets(all, "team", List.of("{pythonMajor}", "${project.version}"), W))
                .isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("\"team\" is not a registry host")
                .hasMessageContaining("unknown placeholder(s) [{pythonMajor}]")
                .hasMessageContaining("<pushTags> (fips.push.tags): \"${project.version}\" has an unresolved ${...} expression");
        assertThatThrownBy(() -> ReleaseTags.targets(all, "Bad_Host:99999999", List.of(), W))
                .hasMessageContaining("is not a registry host");
        assertThatThrownBy(() -> ReleaseTags.targets(all, "localhost:5000", List.of("-{python}", "{python};id", "a:{id}"), W))
                .hasMessageContaining("\"-{python}\" gives \"-3.9.19\"")
                .hasMessageContaining("\"{python};id\" gives \"3.9.19;id\"")
                .hasMessageContaining("\"a:{id}\"")
                .hasMessageContaining("not a valid tag");
    }

    @Test
    void noRegistryAnywhereOrTwiceIsRefused() throws Exception {
        assertThatThrownBy(() -> ReleaseTags.targets(seedCells(), null, List.of(), W))
                .hasMessageContaining("<pushRegistry> (fips.push.registry): cell 3.9.19-rocky9-openssl1.0.2u-fips2.0.16: image ")
                .hasMessageContaining("names no registry, so a push would go to Docker Hub")
                .hasMessageContaining("set -Dfips.push.registry=host[:port][/namespace], or put the registry in <imageName>");
        assertThatThrownBy(() -> ReleaseTags.targets(cells("registry.example.com/python:{id}"), "127.0.0.1:5000", List.of(), W))
                .hasMessageContaining("already names the registry registry.example.com")
                .hasMessageContaining("keep the registry in one place: in <imageName> or in <pushRegistry>");
    }

    @Test
    void twoCellsOnTheSameReferenceAreRefused() throws Exception {
        assertThatThrownBy(() -> ReleaseTags.targets(seedCells(), "127.0.0.1:5000", List.of("{pythonMinor}"), W))
                .hasMessageContaining("would both be pushed as 127.0.0.1:5000/python-fips:3.11")
                .hasMessageContaining("include {id}");
    }

    // --- images.json

    @Test
    void recordsOnlyWhatHappenedAndAFailedPushLeavesNoDigest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("images.json");
        ImagesRecord r = ImagesRecord.read(file, PomWording.INSTANCE);
        assertThat(r.cells()).isEmpty();
        ImagesRecord.BaseImage base = new ImagesRecord.BaseImage("local/debian:bookworm", ID2, null);
        r.recordBuilt("c1", "python-fips:c1", ID1, List.of("linux/amd64"), 123L, base, List.of("python-fips:c1"));
        r.recordBuildFailed("c2", "python-fips:c2", "RUN make failed");
        r.recordPushed("c1", ID1, new ImagesRecord.Push("127.0.0.1:5000", "127.0.0.1:5000/python-fips:c1", D1));
        r.recordPushFailed("c1", ID1, "127.0.0.1:5000/python-fips:3.12: connection refused");
        r.write(file);

        ImagesRecord back = ImagesRecord.read(file, PomWording.INSTANCE);
        ImagesRecord.Entry c1 = back.cell("c1").orElseThrow();
        assertThat(c1.status()).isEqualTo(ImagesRecord.PUSH_FAILED);
        assertThat(c1.pushes()).extracting(ImagesRecord.Push::reference).containsExactly("127.0.0.1:5000/python-fips:c1");
        assertThat(c1.pushes().get(0).pinned()).isEqualTo("127.0.0.1:5000/python-fips@" + D1);
        assertThat(c1.pushed("127.0.0.1:5000/python-fips:3.12")).isEmpty();
        assertThat(c1.error()).contains("connection refused");
        assertThat(c1.baseImage()).isEqualTo(base);
        ImagesRecord.Entry c2 = back.cell("c2").orElseThrow();
        assertThat(c2.status()).isEqualTo(ImagesRecord.BUILD_FAILED);
        assertThat(c2.imageId()).isNull();
        assertThat(c2.hasImage()).isFalse();
        String text = Files.readString(file);
        assertThat(text).doesNotContain("\"digest\" : \"" + D2).contains("\"schemaVersion\" : 1");
        // the same events give the same bytes
        back.write(dir.resolve("again.json"));
        assertThat(Files.readString(dir.resolve("again.json"))).isEqualTo(text);
    }

    @Test
    void aPushIsRecordedOnlyForTheRecordedImageAndWithADigest() {
        ImagesRecord r = new ImagesRecord();
        ImagesRecord.Push p = new ImagesRecord.Push("r:5000", "r:5000/x:1", D1);
        assertThatThrownBy(() -> r.recordPushed("c1", ID1, p)).hasMessageContaining("no built image on record");
        r.recordBuildFailed("c1", "x:1", "boom");
        assertThatThrownBy(() -> r.recordPushed("c1", ID1, p)).hasMessageContaining("no built image on record");
        r.recordBuilt("c1", "x:1", ID1, List.of(), null, null, List.of());
        assertThatThrownBy(() -> r.recordPushed("c1", ID2, p)).hasMessageContaining("not " + ID2);
        assertThatThrownBy(() -> r.recordPushed("c1", ID1, new ImagesRecord.Push("r:5000", "r:5000/x:1", null)))
                .hasMessageContaining("only with its digest");
        assertThatThrownBy(() -> r.recordBuilt("c1", "x:1", "", List.of(), null, null, List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRebuildIntoTheSameImageKeepsPushesAndAttachmentsADifferentImageDropsThem(@TempDir Path dir) throws Exception {
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt("c1", "x:1", ID1, List.of("linux/amd64"), 1L, null, List.of("x:1"));
        r.recordPushed("c1", ID1, new ImagesRecord.Push("r:5000", "r:5000/x:1", D1));
        r.attach("c1", "sbom", JsonNodeFactory.instance.objectNode().put("file", "sbom/c1.spdx.json"));
        r.write(dir.resolve("images.json"));
        ImagesRecord back = ImagesRecord.read(dir.resolve("images.json"), PomWording.INSTANCE);
        assertThat(back.cell("c1").orElseThrow().extra()).containsKey("sbom");

        back.recordBuilt("c1", "x:1", ID1, List.of("linux/amd64"), 1L, null, List.of("x:1"));
        assertThat(back.cell("c1").orElseThrow().status()).isEqualTo(ImagesRecord.PUSHED);
        assertThat(back.cell("c1").orElseThrow().extra()).containsKey("sbom");

        back.recordBuilt("c1", "x:1", ID2, List.of("linux/amd64"), 1L, null, List.of("x:1"));
        ImagesRecord.Entry e = back.cell("c1").orElseThrow();
        assertThat(e.status()).isEqualTo(ImagesRecord.BUILT);
        assertThat(e.pushes()).isEmpty();
        assertThat(e.extra()).isEqualTo(Map.of());
        assertThatThrownBy(() -> back.attach("c1", "pushes", JsonNodeFactory.instance.nullNode())).hasMessageContaining("reserved");
    }

    @Test
    void aBrokenOrForeignRecordIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("images.json");
        Files.writeString(f, "{\"schemaVersion\": 7, \"cells\": []}");
        assertThatThrownBy(() -> ImagesRecord.read(f, PomWording.INSTANCE)).hasMessageContaining("schemaVersion 7").hasMessageContaining("run fips:build again");
        assertThatThrownBy(() -> ImagesRecord.read(f, Wording.neutral())).hasMessageContaining("run the build step again")
                .hasMessageNotContaining("fips:");
        Files.writeString(f, "{nope");
        assertThatThrownBy(() -> ImagesRecord.read(f, PomWording.INSTANCE)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void regenerationKeepsTheRecord(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fips");
        Plan plan = Specs.planner().plan(Specs.seedMatrix());
        new Generator().generate(plan, out, SourceProvider.deferred(), m -> { });
        ImagesRecord r = new ImagesRecord();
        r.recordBuildFailed("c", "x:1", "e");
        r.write(out.resolve(ImagesRecord.FILE));
        new Generator().generate(plan, out, SourceProvider.deferred(), m -> { });
        assertThat(ImagesRecord.read(out.resolve(ImagesRecord.FILE), PomWording.INSTANCE).cell("c")).isPresent();
    }
}
