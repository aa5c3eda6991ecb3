package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.supplychain.ImageContents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fips:sbom reads an image's packages through the engine: the recorded image, no network, and failures that say which query. */
class SbomQueryTest {

    static final String ID = "sha256:" + "a".repeat(64);

    static final class FakeEngine extends EngineStub {
        final List<ContainerEngine.Container> runs = new ArrayList<>();
        int pipExit;

        @Override
        public ContainerEngine.Result run(ContainerEngine.Container c) {
            runs.add(c);
            if (c.entrypoint() != null) {
                return new ContainerEngine.Result(0, "libc6\t2.36-9\tamd64\nzlib1g\t1:1.2.13\tamd64\n", "");
            }
            return pipExit == 0 ? new ContainerEngine.Result(0, "[{\"name\": \"pip\", \"version\": \"22.3.1\"}]", "")
                    : new ContainerEngine.Result(pipExit, "", "exec: python3: not found");
        }
    }

    static ImagesRecord.Entry built(Cell cell) {
        ImagesRecord r = new ImagesRecord();
        return r.recordBuilt(cell.id(), cell.image(), ID, List.of("linux/amd64"), 1L, null, List.of());
    }

    @Test
    void theRecordedImageIsQueriedWithoutNetworkAndFailuresNameTheQuery() throws Exception {
        Cell cell = PushServiceTest.cell("linux/amd64");
        FakeEngine engine = new FakeEngine();
        ImageContents c = SbomMojo.query(engine, cell, built(cell));
        assertThat(c.packages()).hasSize(2);
        assertThat(c.pythonPackages()).hasSize(1);
        assertThat(engine.runs).hasSize(2).allSatisfy(r -> {
            assertThat(r.image()).isEqualTo(ID);
            assertThat(r.dockerArguments()).containsSequence("--network", "none");
        });
        assertThat(engine.runs.get(0).entrypoint()).isEqualTo("dpkg-query");
        engine.pipExit = 127;
        assertThatThrownBy(() -> SbomMojo.query(engine, cell, built(cell))).isInstanceOf(IOException.class)
                .hasMessageContaining("listing the Python packages").hasMessageContaining("exit code 127")
                .hasMessageContaining("python3: not found");
    }
}
