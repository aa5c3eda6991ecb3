package dev.pythonfips.model.report;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PomWording;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report per platform × check; a platform that could not run here is never green. */
class ConformanceReportTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    private static ConformanceReport.CellResult amd64Passed() {
        return new ConformanceReport.CellResult("c", "img", List.of(
                new ConformanceReport.Check("fips-provider-active", "d", "pass", "ok")), 1).onPlatform(AMD64);
    }

    @Test
    void checksAreNamedPerPlatform() {
        ConformanceReport.CellResult arm = new ConformanceReport.CellResult("c", "img", List.of(
                new ConformanceReport.Check("fips-provider-active", "d", "pass", "ok")), 2).onPlatform(ARM64);
        ConformanceReport.CellResult cell = ConformanceReport.combine("c", "img", List.of(amd64Passed(), arm));
        assertThat(cell.checks()).extracting(ConformanceReport.Check::name)
                .containsExactly("linux/amd64: fips-provider-active", "linux/arm64: fips-provider-active");
        assertThat(cell.seconds()).isEqualTo(3);
        assertThat(cell.result()).isEqualTo("GREEN");
    }

    @Test
    void anUnverifiedPlatformIsNeverGreen() {
        ConformanceReport.CellResult cell = ConformanceReport.combine("c", "img", List.of(amd64Passed(),
                new ConformanceReport.CellResult("c", "img", List.of(ConformanceReport.notVerified(ARM64,
                        "no emulation registered for linux/arm64")), 0)));
        assertThat(cell.failures()).isZero();
        assertThat(cell.notVerified()).isEqualTo(1);
        assertThat(cell.result()).isEqualTo("NOT VERIFIED");
        String junit = ConformanceReport.junit(cell);
        assertThat(junit).contains("skipped=\"1\"", "name=\"linux/arm64: platform-verified\"",
                "<skipped message=\"NOT VERIFIED: no emulation registered for linux/arm64\"/>");
        ConformanceReport report = new ConformanceReport(PomWording.INSTANCE);
        report.add(cell);
        assertThat(report.notVerified()).isEqualTo(1);
        assertThat(report.html()).contains("class=\"not-verified\"", ">NOT VERIFIED</td>", "1 platform(s) not verified")
                .doesNotContain("class=\"pass\" title=\"no emulation");
    }

    @Test
    void aFailureWinsOverNotVerified() {
        ConformanceReport.CellResult cell = new ConformanceReport.CellResult("c", "img", List.of(
                ConformanceReport.notVerified(ARM64, "x"), new ConformanceReport.Check("linux/amd64: k", "d", "fail", "no")), 0);
        assertThat(cell.result()).isEqualTo("RED");
    }
}
