package dev.pythonfips.model.report;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.record.BuildTime;
import dev.pythonfips.model.record.ImagesRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * index.html from fixture data (a real conformance run and manifest of a built 3.11 image, a validated 3.1.2 cell with
 * a failed check and an unverified platform, a cell that was never built): per cell its facts and each check's
 * message, escaped, self-contained, deterministic; and once in a real headless browser (Debian's chromium; skipped
 * where it is not installed, .ci/run installs it).
 */
class ConformanceHtmlTest {

    private static final String GREEN = "3.11.2-debian12-openssl3.0.20";
    private static final String RED = "3.12.3-debian12-openssl3.1.2";
    private static final String UNBUILT = "3.13.5-debian13-openssl3.5.7";
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @TempDir
    Path tmp;

    static Path fixtures() throws URISyntaxException {
        return Paths.get(ConformanceHtmlTest.class.getResource("/report/images.json").toURI()).getParent();
    }

    /** The report fips:verify writes for the fixture cells. */
    static ConformanceReport report() throws Exception {
        Path dir = fixtures();
        ImagesRecord record = ImagesRecord.read(dir.resolve("images.json"), PomWording.INSTANCE);
        ConformanceReport report = new ConformanceReport(PomWording.INSTANCE);

        ConformanceReport.CellResult green = ConformanceReport.parse(GREEN, "python-fips:" + GREEN,
                Files.readString(dir.resolve(GREEN + "/conformance.json")), 2.6).onPlatform(AMD64);
        List<ConformanceReport.Check> checks = new ArrayList<>(green.checks());
        checks.add(new ConformanceReport.Check("linux/amd64: start-bypassed-read-only", "every check also passes with the "
                + "entrypoint bypassed", "pass", "21 checks passed"));
        report.add(new ConformanceReport.CellResult(GREEN, green.image(), checks, green.seconds()));
        report.describe(GREEN, record.cell(GREEN).orElse(null), dir.resolve(GREEN + "/manifest.json"));

        ConformanceReport.CellResult amd = new ConformanceReport.CellResult(RED, "python-fips:" + RED, List.of(
                new ConformanceReport.Check("fips-provider-active", "the FIPS provider is loaded and active", "pass", "fips 3.1.2 active"),
                new ConformanceReport.Check("openssl-version", "ssl.OPENSSL_VERSION is the configured library release", "fail",
                        "expected \"OpenSSL 3.1.2\", got <OpenSSL 3.0.2 & friends> from /usr/lib/x86_64-linux-gnu\n"
                                + "second line: <script>alert('x')</script>"),
                new ConformanceReport.Check("cryptography-uses-our-openssl", "cryptography (if installed) uses our OpenSSL",
                        "skip", "cryptography not configured for this cell")), 1.9).onPlatform(AMD64);
        ConformanceReport.CellResult arm = new ConformanceReport.CellResult(RED, "python-fips:" + RED, List.of(
                ConformanceReport.notVerified(ARM64, "no qemu emulation registered for linux/arm64 (scripts/e2e/ensure-emulation.sh)")), 0);
        report.add(ConformanceReport.combine(RED, "python-fips:" + RED, List.of(amd, arm)));
        report.describe(RED, record.cell(RED).orElse(null), dir.resolve(RED + "/manifest.json"));

        report.add(ConformanceReport.crashed(UNBUILT, "python-fips:" + UNBUILT, "no image of " + UNBUILT
                + " is recorded in target/fips/images.json: run fips:build first"));
        report.describe(UNBUILT, record.cell(UNBUILT).orElse(null), dir.resolve(UNBUILT + "/manifest.json"));
        return report;
    }

    @Test
    void everyCellShowsWhatWasVerifiedAndWhyEachCheckPassedOrFailed() throws Exception {
        String html = report().html();
        assertThat(html).contains(
                "1 green, 2 red, 0 not verified; 2 failed check(s), 1 platform(s) not verified.",
                // images.json: image id, size, base image, build time, pushes
                "<code>sha256:f5476c994f240e5f82f2e0b62007eb9fb8561210b6031d4bd69a6e16973f11a1</code>",
                "259.6 MB (259622762 bytes)", "<code>local/debian:bookworm</code> id", "(no registry digest)",
                "pushed, finished 2026-11-28 23:41:07 UTC, took 12 min 12 s",
                "127.0.0.1:5000/python-fips@sha256:77f33df565b921fc58c824c025ca7106361cbb3ab7c656f0fb0a8fc196466afd",
                "built, finished 2026-11-29 00:12:40 UTC, took 25 min 01 s", "linux/amd64, linux/arm64",
                // manifest.json: versions, validation, policy
                "<dt>Python</dt><dd>3.11.2 ", "<dt>OpenSSL</dt><dd>3.0.20</dd>", "<dt>FIPS module</dt><dd>3.0.20 ",
                "NOT a validated module", "allow-non-security", "(fipsInstall: build)",
                "validated</span>, FIPS 140-3, certificate <a href=\"" + ConformanceHtml.CMVP_CERTIFICATE + "4985\">#4985</a>",
                "<dt>policy</dt><dd>strict ",
                // each check with its description and message
                "fips 3.0.20 active", "148 CA certificates from /opt/python-fips/ssl/cert.pem", "uid 10001",
                "allow-non-security: md5 allowed only with usedforsecurity=False", "21 checks passed",
                "cryptography not configured for this cell", ">NOT VERIFIED</span>",
                "no qemu emulation registered for linux/arm64",
                // a cell that was never built says so
                "not in images.json: fips:build did not record this cell", UNBUILT + "/manifest.json (run fips:generate",
                "no image of " + UNBUILT + " is recorded in target/fips/images.json: run fips:build first");
        assertThat(html).as("messages are escaped, never markup")
                .contains("expected &quot;OpenSSL 3.1.2&quot;, got &lt;OpenSSL 3.0.2 &amp; friends&gt;",
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script", "<OpenSSL");
        assertThat(html).as("self-contained: inline CSS, nothing fetched")
                .doesNotContain("<link", "src=", "url(", "@import", "<script").contains("<style>");
        assertThat(html).as("deterministic").isEqualTo(report().html());
    }

    @Test
    void buildTimeIsRecordedOnceForAnImage() {
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt("c", "img", "sha256:" + "a".repeat(64), List.of("linux/amd64"), 1L, null, List.of("img"));
        BuildTime.record(r, "c", 600.04, Instant.parse("2026-11-29T00:00:00.123Z"));
        assertThat(r.cell("c").orElseThrow().extra().get(BuildTime.KEY).toString())
                .isEqualTo("{\"seconds\":600.0,\"finished\":\"2026-11-29T00:00:00Z\"}");
        // a cached rebuild into the same image id keeps the first build's time
        r.recordBuilt("c", "img", "sha256:" + "a".repeat(64), List.of("linux/amd64"), 1L, null, List.of("img"));
        BuildTime.record(r, "c", 3, Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(BuildTime.of(r.cell("c").orElseThrow())).isEqualTo(new BuildTime(600.0, Instant.parse("2026-11-29T00:00:00Z")));
        // a new image id is a new build
        r.recordBuilt("c", "img", "sha256:" + "b".repeat(64), List.of("linux/amd64"), 1L, null, List.of("img"));
        BuildTime.record(r, "c", 3, Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(BuildTime.of(r.cell("c").orElseThrow()).seconds()).isEqualTo(3.0);
    }

    private static boolean chromium() {
        try {
            Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process chromium(Path page, String... mode) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,1600"));
        cmd.addAll(List.of(mode));
        cmd.add(page.toUri().toString());
        return new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
    }

    /** The page as a real browser renders it: Debian's chromium, headless, DOM dumped and a screenshot taken. */
    @Test
    void chromiumRendersTheReport() throws Exception {
        Assumptions.assumeTrue(chromium(), "chromium is not installed (apt-get install chromium); CI installs it");
        Path dir = tmp.resolve("report");
        report().write(dir);
        Path page = dir.resolve("index.html");

        Process dump = chromium(page, "--dump-dom");
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).as("chromium --dump-dom (stderr in %s)", tmp.resolve("chromium.err"))
                .contains("python-fips conformance", "sha256:f5476c994f240e5f82f2e0b62007eb9fb8561210b6031d4bd69a6e16973f11a1",
                        "259.6 MB", "NOT a validated module", "#4985", "took 12 min 12 s",
                        "148 CA certificates from /opt/python-fips/ssl/cert.pem",
                        "&lt;OpenSSL 3.0.2 &amp; friends&gt;", "no qemu emulation registered for linux/arm64")
                .as("the escaped message stays text in the DOM").doesNotContain("<script>alert");

        Path png = Paths.get("target", "conformance-report.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Process shot = chromium(page, "--screenshot=" + png, "--hide-scrollbars");
        shot.getInputStream().readAllBytes();
        assertThat(shot.waitFor(120, TimeUnit.SECONDS)).isTrue();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("a screenshot of the page, %s", png).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
