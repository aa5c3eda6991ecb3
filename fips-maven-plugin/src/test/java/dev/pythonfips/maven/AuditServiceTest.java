package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.Platform;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.audit.AuditAllow;
import dev.pythonfips.model.audit.AuditResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** fips:audit's loop against a fake engine: what it refuses, what it runs, how findings and the allow list decide. */
class AuditServiceTest {

    @TempDir
    Path tmp;

    static final String OURS = "3.11.2-debian12-openssl3.0.20";
    static final String CHECKS_PASS = "{\"cell\": \"x\", \"checks\": [{\"name\": \"fails-closed-environment\", \"description\": \"d\","
            + " \"status\": \"pass\", \"message\": \"\"}]}";

    /** An engine holding the images it was given; records every run; answers audit.py and conformance.py from maps. */
    static final class FakeEngine extends EngineStub {
        final Map<String, ImageConfig> images = new HashMap<>();
        final Map<String, String> scans = new HashMap<>();
        final Map<String, String> checks = new HashMap<>();
        final List<List<String>> runs = new ArrayList<>();
        IOException failRun;

        FakeEngine ours(String image, String scan) {
            images.put(image, new ImageConfig(Map.of(AuditService.CELL_LABEL, OURS), Map.of(AuditService.PREFIX_ENV, "/opt/python-fips")));
            scans.put(image, scan);
            checks.put(image, CHECKS_PASS);
            return this;
        }

        @Override
        public Optional<ImageConfig> imageConfig(String image) {
            return Optional.ofNullable(images.get(image));
        }

        @Override
        public Result run(Container c) throws IOException {
            assertThat(c.readOnly()).as("the audit runs on a read-only root").isTrue();
            assertThat(c.dockerArguments()).as("no network").containsSequence("--network", "none");
            List<String> call = new ArrayList<>(List.of(c.image(), c.workdir(), c.entrypoint()));
            call.addAll(c.command());
            call.add(new String(c.stdin(), StandardCharsets.UTF_8).contains("def linked_in(") ? "<audit.py>" : "<conformance.py>");
            runs.add(call);
            if (failRun != null) {
                throw failRun;
            }
            boolean audit = call.get(call.size() - 1).equals("<audit.py>");
            return new Result(0, audit ? scans.get(c.image()) : checks.get(c.image()), "");
        }




        @Override
        public Optional<String> imageId(String ref) {
            return images.containsKey(ref) ? Optional.of("sha256:" + ref) : Optional.empty();
        }


    }

    static String scan(String... findings) {
        return "{\"files\": 100, \"elf\": 10, \"findings\": [" + String.join(",", findings) + "]}";
    }

    static String finding(String kind, String path, String ownerKind, String owner) {
        return "{\"kind\": \"" + kind + "\", \"path\": \"" + path + "\", \"detail\": \"found\", \"owner\": {\"kind\": \""
                + ownerKind + "\", \"name\": \"" + owner + "\"}}";
    }

    @Test
    void everyBadInputIsRefusedAtOnceAndNothingIsWrittenOrRun() throws Exception {
        FakeEngine engine = new FakeEngine().ours("app:1", scan());
        engine.images.put("debian:12", new ContainerEngine.ImageConfig(Map.of(), Map.of("PATH", "/usr/bin")));
        Path report = tmp.resolve("audit");
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class, () -> new AuditService(engine, m -> { }, m -> { })
                .audit(List.of("app:1", "missing:2", "debian:12"), List.of(new AuditAllow("usr/lib/libcrypto.so.3", "x"),
                        new AuditAllow("/usr/lib/libssl.so.3", " ")), report, 600));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::element).containsExactly("<auditAllows><auditAllow>[1]<path>",
                "<auditAllows><auditAllow>[2]<reason>", "<auditImages> missing:2", "<auditImages> debian:12");
        assertThat(e.problems().get(2).message()).contains("never pulls");
        assertThat(e.problems().get(3).message()).contains("not built FROM a python-fips image");
        assertThat(engine.runs).isEmpty();
        assertThat(report).doesNotExist();
        // and no image at all, or a timeout of zero
        FipsConfigException none = catchThrowableOfType(FipsConfigException.class,
                () -> new AuditService(engine, m -> { }, m -> { }).audit(List.of(), List.of(), report, 0));
        assertThat(none.problems()).extracting(Problem::element).containsExactly("<auditImages>", "<auditTimeout>");
    }

    @Test
    void aCleanImageIsGreenAndTheScriptsAreOursRunByItsPythonIsolated() throws Exception {
        FakeEngine engine = new FakeEngine().ours("app:1", scan());
        List<AuditResult> results = new AuditService(engine, m -> { }, m -> { }).audit(List.of("app:1"), List.of(), tmp, 600);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo("GREEN");
            assertThat(r.cell()).isEqualTo(OURS);
            assertThat(r.failClosed()).extracting(c -> c.name()).containsExactly("fails-closed-environment");
        });
        assertThat(engine.runs).containsExactly(
                List.of("app:1", "/tmp", "/opt/python-fips/bin/python3", "-I", "-S", "-", "/opt/python-fips",
                        "/opt/python-fips/share/python-fips/manifest.json", "<audit.py>"),
                List.of("app:1", "/opt/python-fips/share/python-fips", "/opt/python-fips/bin/python3", "-I", "-S", "-", "--json",
                        "--only=" + String.join(",", AuditService.FAIL_CLOSED_CHECKS), "<conformance.py>"));
        assertThat(Files.readString(tmp.resolve("TEST-audit-app_1.xml"))).contains("failures=\"0\"");
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("app:1").contains("GREEN");
    }

    @Test
    void findingsMakeItRedWithFileOwnerAndFixUnlessAllowed() throws Exception {
        FakeEngine engine = new FakeEngine()
                .ours("app:1", scan(finding("libcrypto-copy", "/venv/lib/python3.11/site-packages/grpcio.libs/libcrypto-ab12cd34.so.3", "python", "grpcio 1.60.0"),
                        finding("libcrypto-copy", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", "distro", "libssl3")))
                .ours("app:2", scan(finding("pycryptodome", "/opt/python-fips/lib/python3.11/site-packages/Crypto/Hash/_MD5.abi3.so", "python", "pycryptodome 3.20.0")));
        List<AuditResult> results = new AuditService(engine, m -> { }, m -> { }).audit(List.of("app:1", "app:2"),
                List.of(new AuditAllow("/usr/lib/**/libcrypto.so.*", "curl for the health check")), tmp, 600);
        AuditResult one = results.get(0);
        assertThat(one.result()).isEqualTo("RED");
        assertThat(one.blocking()).singleElement().satisfies(f -> {
            assertThat(f.installedBy()).isEqualTo("installed by the Python distribution grpcio 1.60.0");
            assertThat(f.fix()).contains("pip install --no-binary grpcio").contains("pip uninstall grpcio");
        });
        assertThat(one.allowed().get(1)).contains("curl for the health check");
        String xml = Files.readString(tmp.resolve("TEST-audit-app_1.xml"));
        assertThat(xml).contains("failures=\"2\"") // the summary case and the grpcio copy
                .contains("<skipped message=\"allowed: curl for the health check");
        assertThat(results.get(1).blocking()).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("pyca/cryptography built by python-fips"));
        // every finding allowed: GREEN, and the report still lists them
        List<String> said = new ArrayList<>();
        AuditResult allowed = new AuditService(engine, m -> { }, said::add).audit(List.of("app:2"),
                List.of(new AuditAllow("/opt/python-fips/lib/python3.11/site-packages/Crypto/**", "legacy protocol, reviewed"),
                        new AuditAllow("/usr/lib/libnothing.so", "a typo")), tmp, 600).get(0);
        assertThat(allowed.result()).isEqualTo("GREEN");
        assertThat(allowed.findings()).hasSize(1);
        // an entry that covers nothing is not silently kept
        assertThat(said).contains("<auditAllows> entry /usr/lib/libnothing.so covers no finding of the audited images; it has no effect");
    }

    @Test
    void aFailedFailClosedCheckOrARunThatCannotFinishIsRed() throws Exception {
        FakeEngine engine = new FakeEngine().ours("app:1", scan());
        engine.checks.put("app:1", CHECKS_PASS.replace("\"pass\", \"message\": \"\"", "\"fail\", \"message\": \"hashlib loaded outside FIPS\""));
        AuditResult r = new AuditService(engine, m -> { }, m -> { }).audit(List.of("app:1"), List.of(), tmp, 600).get(0);
        assertThat(r.result()).isEqualTo("RED");
        assertThat(r.failedChecks()).isEqualTo(1);

        engine.failRun = new IOException("docker run python-fips-audit-x was stopped after 600 s (the timeout)");
        AuditResult stopped = new AuditService(engine, m -> { }, m -> { }).audit(List.of("app:1"), List.of(), tmp, 600).get(0);
        assertThat(stopped.result()).isEqualTo("RED");
        assertThat(stopped.failClosed()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("audit-run");
            assertThat(c.message()).contains("stopped after 600 s");
        });
    }
}
