package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.DockerEngine;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.render.GeneratedMatrix;
import org.apache.maven.plugin.MojoFailureException;
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
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fips:verify's loop against a fake engine: what the user reads and what the report says for each way a verify goes
 * wrong (nothing built, a hung run, a failed check, an image for another platform, an engine that is gone, an image
 * the engine no longer has), and the one way it goes right. The last test runs the real {@link DockerEngine} over a
 * stand-in docker client that hangs: the run is stopped at the timeout, its container removed, the cell RED.
 */
class VerifyServiceTest {

    @TempDir
    Path tmp;

    static final String CELL = "3.11.2-debian12-openssl3.0.20";
    static final String ID = "sha256:" + "1".repeat(64);
    static final String PASS = "{\"cell\": \"" + CELL + "\", \"checks\": [{\"name\": \"fips-provider-active\", \"description\": \"d\","
            + " \"status\": \"pass\", \"message\": \"fips 3.0.20 active\"}]}";

    /** An engine holding the images it was given (id -> platform); answers runs with {@link #onRun}; records them. */
    static final class FakeEngine extends EngineStub {
        final Map<String, String> images = new HashMap<>();
        final List<Container> runs = new ArrayList<>();
        final List<String> pulls = new ArrayList<>();
        Function<Container, Result> onRun = c -> new ContainerEngine.Result(0, PASS, "");
        IOException gone;
        boolean local = true;


        @Override
        public boolean local() {
            return local;
        }

        @Override
        public Platform platform() throws IOException {
            if (gone != null) {
                throw gone;
            }
            return Platform.parse("linux/amd64");
        }

        @Override
        public Optional<String> imageId(String ref) throws IOException {
            if (gone != null) {
                throw gone;
            }
            return images.containsKey(ref) ? Optional.of(ref) : Optional.empty();
        }

        @Override
        public String imagePlatform(String ref) throws IOException {
            return Optional.ofNullable(images.get(ref)).orElseThrow(() -> new IOException("no image " + ref));
        }


        @Override
        public Result run(Container c) throws IOException {
            assertThat(c.dockerArguments()).as("never a network").containsSequence("--network", "none");
            assertThat(images).as("only an image the engine holds is run").containsKey(c.image());
            runs.add(c);
            Result r = onRun.apply(c);
            if (r == null) {
                throw new IOException("docker run was stopped after " + c.timeoutSeconds() + " s (the timeout); container x removed");
            }
            return r;
        }

        @Override
        public void pull(String ref, Platform platform, long timeoutSeconds) {
            pulls.add(ref);
        }
    }

    private GeneratedMatrix matrix(String... platforms) {
        return new GeneratedMatrix(List.of(new GeneratedMatrix.Entry(CELL, "3.11.2", "debian12", "3.0.20", "3.0.20", false,
                List.of(), "none", java.util.Arrays.stream(platforms).map(Platform::parse).toList(), "python-fips:" + CELL,
                "debian:bookworm", "strict", "none", "/opt/python-fips")));
    }

    private Path recordBuilt() throws IOException {
        Path file = tmp.resolve("fips/images.json");
        Files.createDirectories(file.getParent());
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt(CELL, "python-fips:" + CELL, ID, List.of("linux/amd64"), 1L, null, List.of());
        r.write(file);
        return file;
    }

    private VerifyService service(ContainerEngine engine, Path record, int timeout, boolean cpythonTests) {
        VerifyService.Settings s = new VerifyService.Settings(tmp.resolve("report").toFile(), timeout, cpythonTests,
                VerifyService.DEFAULT_CPYTHON_TEST_MODULES, false, false, tmp.resolve("binfmt").toFile());
        return new VerifyService(engine, s, record, MavenWording.of(null), new SystemStreamLog());
    }

    private String junit() throws IOException {
        try (var files = Files.list(tmp.resolve("report"))) {
            Path xml = files.filter(f -> f.toString().endsWith(".xml")).findFirst().orElseThrow();
            return Files.readString(xml);
        }
    }

    @Test
    void aGreenCellRunsTheChecksTheBypassedStartAndCpythonsTestsOnTheRecordedImageOnly() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.images.put(ID, "linux/amd64");
        engine.onRun = c -> c.command().contains("test")
                ? new ContainerEngine.Result(0, "Ran 177 tests\n\nOK (skipped=14)\n== Tests result: SUCCESS ==", "")
                : new ContainerEngine.Result(0, PASS, "");
        service(engine, recordBuilt(), 60, true).verify(matrix("linux/amd64"));
        assertThat(engine.runs).hasSize(3).allSatisfy(c -> {
            assertThat(c.image()).isEqualTo(ID);
            assertThat(c.platform()).isEqualTo(Platform.parse("linux/amd64"));
            assertThat(c.timeoutSeconds()).isEqualTo(60);
        });
        assertThat(engine.runs.get(0).command()).containsExactly("python3", "/opt/python-fips/share/python-fips/conformance.py", "--json");
        assertThat(engine.runs.get(1).entrypoint()).isEqualTo("python3");
        assertThat(engine.runs.get(1).readOnly()).isTrue();
        assertThat(engine.runs.get(2).command()).contains("--ignorefile", "/opt/python-fips/share/python-fips/cpython-test-ignore.txt",
                "test_hashlib", "test_hmac", "test_random");
        assertThat(engine.pulls).isEmpty();
        assertThat(junit()).contains("fips-provider-active").doesNotContain("<failure");
    }

    @Test
    void nothingBuiltIsOneErrorAndNoReportNothingRun() throws Exception {
        FakeEngine engine = new FakeEngine();
        Path record = tmp.resolve("fips/images.json");
        assertThatThrownBy(() -> service(engine, record, 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("nothing to verify for " + CELL).hasMessageContaining("run fips:build");
        assertThat(engine.runs).isEmpty();
        assertThat(tmp.resolve("report")).doesNotExist();
    }

    @Test
    void aHungRunIsRedWithTheTimeoutAsItsReason() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.images.put(ID, "linux/amd64");
        engine.onRun = c -> null; // every run hangs: the engine stops it at the timeout
        assertThatThrownBy(() -> service(engine, recordBuilt(), 7, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("stopped after 7 s (the timeout)");
        assertThat(junit()).contains("<failure").contains("stopped after 7 s");
    }

    @Test
    void aFailedCheckIsRedNamingCellAndCheck() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.images.put(ID, "linux/amd64");
        engine.onRun = c -> new ContainerEngine.Result(1, PASS.replace("\"pass\"", "\"fail\"").replace("fips 3.0.20 active", "fips provider not active"), "");
        assertThatThrownBy(() -> service(engine, recordBuilt(), 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("2 conformance check(s) failed")
                .hasMessageContaining(CELL + " linux/amd64: fips-provider-active: fips provider not active")
                .hasMessageContaining(CELL + " linux/amd64: start-bypassed-read-only");
    }

    @Test
    void aCrashedRunIsRedWithWhatDockerSaid() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.images.put(ID, "linux/amd64");
        engine.onRun = c -> new ContainerEngine.Result(127, "", "exec: python3: not found");
        assertThatThrownBy(() -> service(engine, recordBuilt(), 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("docker run exited 127: exec: python3: not found");
    }

    @Test
    void anImageTheEngineHoldsForAnotherPlatformIsNotVerifiedAndNotRun() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.local = false; // a remote engine: this machine's emulation says nothing about it
        engine.images.put(ID, "linux/arm64");
        assertThatThrownBy(() -> service(engine, recordBuilt(), 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("could not be verified")
                .hasMessageContaining("holds " + ID + " for linux/arm64 only, not for linux/amd64");
        assertThat(engine.runs).isEmpty();
    }

    @Test
    void anEngineThatIsGoneFailsWithTheFixAndRunsNothing() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.gone = new IOException("Cannot connect to the Docker daemon at tcp://fake:2375");
        assertThatThrownBy(() -> service(engine, recordBuilt(), 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("Cannot connect to the Docker daemon")
                .hasMessageContaining("start the Docker engine");
        assertThat(engine.runs).isEmpty();
    }

    @Test
    void anImageTheEngineNoLongerHasIsRedAndNeverPulledByName() throws Exception {
        FakeEngine engine = new FakeEngine();
        assertThatThrownBy(() -> service(engine, recordBuilt(), 60, false).verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("is not in the engine tcp://fake:2375")
                .hasMessageContaining("never pulls by name");
        assertThat(engine.runs).isEmpty();
        assertThat(engine.pulls).isEmpty();
    }

    @Test
    void aRealHungDockerRunIsStoppedAtTheTimeoutItsContainerRemovedAndTheCellRed() throws Exception {
        Path log = tmp.resolve("calls.log");
        Path docker = tmp.resolve("docker");
        // a stand-in docker: knows the recorded image, reports linux/amd64, and hangs in every run
        Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + log + "\ncase \"$1\" in\n"
                + "  run) sleep 30 ;;\n  version) echo linux/amd64 ;;\n"
                + "  image) case \"$*\" in *Os*) echo linux/amd64 ;; *Variant*) echo ;; *) echo " + ID + " ;; esac ;;\n"
                + "  *) exit 0 ;;\nesac\n");
        Files.setPosixFilePermissions(docker, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> service(new DockerEngine("tcp://127.0.0.1:1", docker.toString()), recordBuilt(), 2, false)
                .verify(matrix("linux/amd64")))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("stopped after 2 s (the timeout)");
        assertThat((System.nanoTime() - t0) / 1e9).as("two runs stopped at 2 s each, not 30").isLessThan(20);
        List<String> runs = Files.readAllLines(log).stream().filter(l -> l.startsWith("run ")).toList();
        List<String> removed = Files.readAllLines(log).stream().filter(l -> l.startsWith("rm -f ")).toList();
        assertThat(runs).hasSize(2);
        assertThat(removed).containsExactlyElementsOf(runs.stream().map(r -> "rm -f " + r.split(" ")[2]).toList());
        assertThat(junit()).contains("<failure");
    }
}
