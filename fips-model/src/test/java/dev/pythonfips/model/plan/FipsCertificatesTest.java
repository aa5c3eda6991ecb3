package dev.pythonfips.model.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.recipe.BuildRecipe;
import dev.pythonfips.model.render.ContextRenderer;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code <fipsCertificates>}: user-declared CMVP certificates of OpenSSL 3 FIPS providers. */
class FipsCertificatesTest {

    private static final String URL = "https://csrc.nist.gov/projects/cryptographic-module-validation-program/certificate/5102";
    private static final FipsSpec.CertificateSpec CERT_354 =
            new FipsSpec.CertificateSpec("3.5.4", "5102", "FIPS 140-3", "2030-10-09", URL);

    @TempDir
    Path tmp;

    private static FipsSpec spec(String provider, boolean allowUnvalidated, FipsSpec.CertificateSpec... certs) {
        return new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.5.7", provider)), List.of(), null, Map.of(),
                Specs.options(null, null, allowUnvalidated), List.of(), Map.of(), List.of(certs));
    }

    private static List<Problem> problems(FipsSpec spec) {
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class, () -> Specs.planner().plan(spec));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.problems();
    }

    @Test
    void withoutADeclarationTheProviderIsUnvalidatedAndTheFixMentionsFipsCertificates() {
        FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.5.7", "3.5.4")), List.of(), null,
                Map.of(), FipsSpec.Options.defaults(), List.of(new FipsSpec.SourcePin("openssl", "3.5.4", "b".repeat(64), null, null)));
        assertThat(problems(s)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("3.5.4 has no CMVP validation");
            assertThat(p.fix()).contains("<fipsCertificates>");
        });
    }

    @Test
    void aDeclaredCertificateMakesTheProviderValidatedAndSaysSoEverywhere() throws Exception {
        FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.5.7", "3.5.4")), List.of(), null,
                Map.of(), FipsSpec.Options.defaults(), List.of(new FipsSpec.SourcePin("openssl", "3.5.4", "b".repeat(64), null, null)),
                Map.of(), List.of(CERT_354));
        Plan plan = Specs.planner().plan(s);
        Cell cell = plan.cells().get(0);
        assertThat(cell.validated()).isTrue();
        assertThat(cell.certificateSource()).isEqualTo("user-declared");
        assertThat(cell.module().certificates()).containsExactly("5102");
        assertThat(plan.warnings()).noneMatch(w -> w.contains("NOT a validated") || w.contains("historical"));

        new Generator().generate(plan, tmp.resolve("fips"), SourceProvider.deferred(), m -> { });
        Path ctx = tmp.resolve("fips").resolve(cell.id());
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        assertThat(dockerfile).contains("dev.pythonfips.fips.validated=\"true\"").contains("dev.pythonfips.fips.certificate=\"5102\"")
                .contains("dev.pythonfips.fips.certificate.source=\"user-declared\"").contains("dev.pythonfips.fips.standard=\"FIPS 140-3\"")
                .contains("(FIPS 140-3 #5102, user-declared)");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("fips").path("certificateSource").asText()).isEqualTo("user-declared");
        assertThat(manifest.path("fips").path("validated").asBoolean()).isTrue();
        assertThat(manifest.path("fips").path("historicalAfter").asText()).isEqualTo("2030-10-09");
        assertThat(manifest.path("fips").path("validationRecords").toString()).contains(URL).contains("<fipsCertificates><fipsCertificate>[1]");
        JsonNode matrix = new ObjectMapper().readTree(tmp.resolve("fips/matrix.json").toFile()).path("cells").get(0);
        assertThat(matrix.path("certificateSource").asText()).isEqualTo("user-declared");
        assertThat(matrix.path("fipsCertificates").toString()).isEqualTo("[\"5102\"]");
        assertThat(Generator.table(plan.cells()).get(1)).contains("FIPS 140-3 (user-declared)");
        // the catalog's modules keep saying catalog
        Cell catalogued = Specs.planner().plan(spec("3.1.2", false)).cells().get(0);
        assertThat(ContextRenderer.labels(BuildRecipe.of(catalogued, plan.options()), catalogued, Map.of()))
                .containsEntry("dev.pythonfips.fips.certificate.source", "catalog");
    }

    @Test
    void aSunsetInThePastIsHistoricalLikeTheCatalogs140TwoCertificates() throws Exception {
        FipsSpec.CertificateSpec old = new FipsSpec.CertificateSpec("3.0.20", "4811", "FIPS 140-2", "2026-09-21", URL);
        Plan plan = Specs.planner().plan(new FipsSpec(null, List.of(Specs.cell("3.11.2", "debian12", "3.0.20", "3.0.20")),
                List.of(), null, Map.of(), FipsSpec.Options.defaults(), List.of(), Map.of(), List.of(old)));
        assertThat(plan.cells().get(0).validated()).isTrue();
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("3.0.20").contains("user-declared")
                .contains("historical since 2026-09-21"));
        // the same sunset in the future: no warning (Specs.TODAY is 2026-11-23)
        FipsSpec.CertificateSpec current = new FipsSpec.CertificateSpec("3.0.20", "4811", "FIPS 140-2", "2026-11-23", URL);
        Plan fresh = Specs.planner().plan(new FipsSpec(null, List.of(Specs.cell("3.11.2", "debian12", "3.0.20", "3.0.20")),
                List.of(), null, Map.of(), FipsSpec.Options.defaults(), List.of(), Map.of(), List.of(current)));
        assertThat(fresh.warnings()).noneMatch(w -> w.contains("historical"));
    }

    @Test
    void everyBadFieldIsReportedAtOnceNamingElementAndIndex() {
        List<Problem> problems = problems(spec("3.1.2", false,
                CERT_354,
                new FipsSpec.CertificateSpec("2.0.16", "0", "FIPS 140", "2030-13-01", "http://csrc.nist.gov/x"),
                new FipsSpec.CertificateSpec(null, "#4985", "FIPS 140-3", "", "https://x\"; rm -rf /")));
        assertThat(problems).extracting(Problem::element).containsExactlyInAnyOrder(
                "<fipsCertificates><fipsCertificate>[2]<module>", "<fipsCertificates><fipsCertificate>[2]<number>",
                "<fipsCertificates><fipsCertificate>[2]<standard>", "<fipsCertificates><fipsCertificate>[2]<sunset>",
                "<fipsCertificates><fipsCertificate>[2]<url>",
                "<fipsCertificates><fipsCertificate>[3]<module>", "<fipsCertificates><fipsCertificate>[3]<number>",
                "<fipsCertificates><fipsCertificate>[3]<sunset>", "<fipsCertificates><fipsCertificate>[3]<url>");
        assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("\"2.0.16\" is not an OpenSSL 3 FIPS provider version")
                .contains("2.0.16 FIPS 140-2 #1747, #2398, #2473"));
    }

    @Test
    void aVersionThatIsNotAProviderVersionIsRefused() {
        assertThat(problems(spec("3.1.2", false, new FipsSpec.CertificateSpec("3.5", "5102", "FIPS 140-3", "2030-10-09", URL))))
                .singleElement().satisfies(p -> assertThat(p.element()).isEqualTo("<fipsCertificates><fipsCertificate>[1]<module>"));
        assertThat(problems(spec("3.1.2", false, new FipsSpec.CertificateSpec("1.1.1w", "5102", "FIPS 140-3", "2030-10-09", URL))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not an OpenSSL 3 FIPS provider version"));
    }

    @Test
    void duplicatesAreRefused() {
        FipsSpec.CertificateSpec again = new FipsSpec.CertificateSpec("3.5.4", "5103", "FIPS 140-3", "2030-10-09", URL);
        assertThat(problems(spec("3.1.2", false, CERT_354, again))).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("<fipsCertificates><fipsCertificate>[2]<module>");
            assertThat(p.message()).contains("declared twice").contains("[1]");
        });
    }

    @Test
    void aCatalogedModuleWithADifferentCertificateIsRefusedAndTheSameOneIsRedundant() throws Exception {
        FipsSpec.CertificateSpec conflicting = new FipsSpec.CertificateSpec("3.1.2", "9999", "FIPS 140-3", "2030-03-10", URL);
        assertThat(problems(spec("3.1.2", false, conflicting))).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("<fipsCertificates><fipsCertificate>[1]");
            assertThat(p.message()).contains("catalogued with FIPS 140-3 certificate #4985").contains("#9999");
        });
        FipsSpec.CertificateSpec otherStandard = new FipsSpec.CertificateSpec("3.1.2", "4985", "FIPS 140-2", "2030-03-10", URL);
        assertThat(problems(spec("3.1.2", false, otherStandard))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("the declaration says FIPS 140-2 #4985"));
        FipsSpec.CertificateSpec same = new FipsSpec.CertificateSpec("3.1.2", "4985", "FIPS 140-3", "2030-03-10", URL);
        Plan plan = Specs.planner().plan(spec("3.1.2", false, same));
        assertThat(plan.cells().get(0).certificateSource()).isEqualTo("catalog");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("redundant"));
    }

    @Test
    void aDeclarationNoCellUsesIsWarned() throws Exception {
        Plan plan = Specs.planner().plan(spec("3.1.2", false, CERT_354));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("3.5.4").contains("matches no cell"));
    }
}
