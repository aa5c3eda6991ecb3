package dev.pythonfips.model.options;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.ContextRenderer;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every (Python minor × OpenSSL line × policy) is either honoured or refused at generate time, through the planner
 * (the same path as fips:generate). patches/README.md "Policy support per Python minor and OpenSSL line" names this
 * test for each row.
 */
class PolicySupportTest {

    private static Optional<List<Problem>> plan(String python, String openssl, String fips, String policy, String builtinHashes) {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell(python, "rocky9", openssl, fips)), List.of(), null, Map.of(),
                Specs.options(policy, null, false, builtinHashes), List.of());
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class, () -> Specs.planner().plan(spec));
        return e == null ? Optional.empty() : Optional.of(e.problems());
    }

    @ParameterizedTest(name = "Python {0} on OpenSSL {1}, {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            // minor | library | provider | policy             | expected | element          | message part
            "3.9.19  | 3.0.9   | 3.0.9    | strict             | accepted |                  |",
            "3.9.19  | 3.0.9   | 3.0.9    | allow-non-security | refused  | <policy>         | 3.9's _hashopenssl.c has no property queries",
            "3.9.19  | 1.0.2u  | 2.0.16   | strict             | refused  | <policy>         | EVP_MD_CTX_FLAG_NON_FIPS_ALLOW",
            "3.9.19  | 1.0.2u  | 2.0.16   | allow-non-security | accepted |                  |",
            "3.11.9  | 3.0.9   | 3.0.9    | strict             | accepted |                  |",
            "3.11.9  | 3.0.9   | 3.0.9    | allow-non-security | accepted |                  |",
            "3.11.9  | 1.0.2u  | 2.0.16   | strict             | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.11.9  | 1.0.2u  | 2.0.16   | allow-non-security | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.12.3  | 3.0.9   | 3.0.9    | strict             | accepted |                  |",
            "3.12.3  | 3.0.9   | 3.0.9    | allow-non-security | accepted |                  |",
            "3.12.3  | 1.0.2u  | 2.0.16   | strict             | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.12.3  | 1.0.2u  | 2.0.16   | allow-non-security | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.13.5  | 3.1.2   | 3.1.2    | strict             | accepted |                  |",
            "3.13.5  | 3.1.2   | 3.1.2    | allow-non-security | accepted |                  |",
            "3.13.5  | 1.0.2u  | 2.0.16   | strict             | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.13.5  | 1.0.2u  | 2.0.16   | allow-non-security | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.14.10 | 3.1.2   | 3.1.2    | strict             | accepted |                  |",
            "3.14.10 | 3.1.2   | 3.1.2    | allow-non-security | accepted |                  |",
            "3.14.10 | 1.0.2u  | 2.0.16   | strict             | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
            "3.14.10 | 1.0.2u  | 2.0.16   | allow-non-security | refused  | <openssl>        | needs OpenSSL 1.1.1 or newer (PEP 644)",
    })
    void everyPolicyIsHonouredOrRefusedAtGenerateTime(String python, String openssl, String fips, String policy,
                                                      String expected, String element, String message) throws Exception {
        // builtinHashes=all so that only the policy decides (3.9 on 1.0.2 needs the builtins, see below)
        Optional<List<Problem>> problems = plan(python, openssl, fips, policy, "all");
        if (expected.equals("accepted")) {
            assertThat(problems).as("problems").isEmpty();
            Cell cell = Specs.planner().plan(new FipsSpec(null, List.of(Specs.cell(python, "rocky9", openssl, fips)), List.of(),
                    null, Map.of(), Specs.options(policy, null, false, "all"), List.of())).cells().get(0);
            assertThat(cell.policy().honoured()).isTrue();
            assertThat(cell.policy().policy()).isEqualTo(policy);
            return;
        }
        assertThat(problems).as("expected a refusal").isPresent();
        assertThat(problems.get()).anySatisfy(p -> {
            assertThat(p.element()).endsWith(element);
            assertThat(p.message()).contains(message);
            assertThat(p.fix()).isNotBlank();
        });
        if (element.equals("<policy>")) {
            // names the cell, and the fix names the policy to use
            String cell = Cell.idOf(Version.parse(python), "rocky9", Version.parse(openssl), Version.parse(fips));
            assertThat(problems.get()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("policy \"" + policy + "\" is not honoured by cell " + cell);
                assertThat(p.fix()).contains("-Dfips.policy=");
            });
        }
    }

    @Test
    void theTableHasOneRowPerHonouredOrRefusedCombinationAndEveryRowHasAReason() {
        for (String minor : Catalog.builtIn().patchedPythonMinors()) {
            for (PolicySupport.OpenSslLine line : PolicySupport.OpenSslLine.values()) {
                for (String policy : Choice.values(Policy.values())) {
                    long rows = PolicySupport.RULES.stream().filter(r -> r.minors().contains(minor) && r.line() == line
                            && r.policy().equals(policy)).count();
                    boolean pep644 = !minor.equals("3.9") && line == PolicySupport.OpenSslLine.V1_0_2;
                    assertThat(rows).as(minor + " " + line + " " + policy).isEqualTo(pep644 ? 0 : 1);
                }
            }
        }
        assertThat(PolicySupport.RULES).allSatisfy(r -> {
            assertThat(r.reason()).isNotBlank();
            assertThat(r.honoured() ? "honoured rows need no fix" : r.fix()).isNotBlank();
        });
    }

    @Test
    void pythonThreeNineOnOpenSsl102RefusesNoBuiltinHashesButBuildsWithAll() {
        Optional<List<Problem>> none = plan("3.9.19", "1.0.2u", "2.0.16", "allow-non-security", "none");
        assertThat(none).isPresent();
        assertThat(none.get()).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("<builtinHashes>");
            assertThat(p.message()).contains("3.9.19-rocky9-openssl1.0.2u-fips2.0.16").contains("no SHA-3 or BLAKE2");
            assertThat(p.fix()).contains("-Dfips.builtinHashes=all");
        });
        assertThat(plan("3.9.19", "1.0.2u", "2.0.16", "allow-non-security", "all")).isEmpty();
        // on OpenSSL 3 every minor builds without builtins
        for (String python : List.of("3.9.19", "3.11.9", "3.12.3", "3.13.5", "3.14.10")) {
            assertThat(plan(python, "3.1.2", "3.1.2", "strict", "none")).as(python).isEmpty();
        }
    }

    @Test
    void anUnknownBuiltinHashesValueIsRefused() {
        assertThat(plan("3.12.3", "3.1.2", "3.1.2", "strict", "sha2")).get().asList()
                .anySatisfy(p -> assertThat(((Problem) p).element()).isEqualTo("<builtinHashes>"));
    }

    @Test
    void aPolicyChangeNeverChangesTheBuildInputsButTheBuiltinChoiceDoes(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String strictNone = buildInputs(tmp.resolve("a"), "strict", "none");
        String allowNone = buildInputs(tmp.resolve("b"), "allow-non-security", "none");
        String strictAll = buildInputs(tmp.resolve("c"), "strict", "all");
        assertThat(allowNone).isEqualTo(strictNone).contains(" --with-builtin-hashlib-hashes=no ");
        assertThat(strictAll).contains(" --with-builtin-hashlib-hashes=md5,sha1,sha2,sha3,blake2 ");
    }

    /** cell.env and the Python step's commands: the inputs of the Python build layer. */
    private static String buildInputs(Path out, String policy, String builtinHashes) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.1.2", "3.1.2")), List.of(), null,
                Map.of(), Specs.options(policy, null, false, builtinHashes), List.of());
        new Generator().generate(Specs.planner().plan(spec), out, SourceProvider.deferred(), m -> { });
        Path ctx = out.resolve("3.13.5-debian13-openssl3.1.2");
        return Files.readString(ctx.resolve("cell.env")) + Files.readString(ctx.resolve("env/python.commands"));
    }

    @ParameterizedTest(name = "{0} on {1} (provider {2}), {3}")
    @CsvSource(delimiter = '|', value = {
            // what the image's CPython test run skips by name, per accepted combination
            "3.9.19  | 3.0.9  | 3.0.9  | strict             | strict | false",
            "3.9.19  | 1.0.2u | 2.0.16 | allow-non-security | none   | false",
            "3.11.9  | 3.0.9  | 3.0.9  | strict             | strict | false",
            "3.11.9  | 3.0.9  | 3.0.9  | allow-non-security | any    | false",
            "3.13.5  | 3.5.7  | 3.1.2  | allow-non-security | any    | false",
            "3.13.5  | 3.0.20 | 3.0.20 | strict             | strict | false",
            "3.14.10 | 3.5.7  | 3.5.7  | strict             | strict | true",
    })
    void theCpythonTestIgnoreListFollowsThePolicyRowAndTheProvider(String python, String openssl, String fips, String policy,
                                                                  String tags, boolean shortKeys) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell(python, "debian12", openssl, fips)), List.of(), null, Map.of(),
                Specs.options(policy, null, true, "all"), List.of());
        Cell cell = Specs.planner().plan(spec).cells().get(0);
        String ignores = ContextRenderer.cpythonTestIgnores(cell);
        switch (tags) {
            case "none" -> assertThat(ignores).isEmpty();
            case "any" -> assertThat(ignores).contains("test_blake2b\n").doesNotContain("test_case_md5_0");
            default -> assertThat(ignores).contains("test_blake2b\n").contains("test_case_md5_0\n");
        }
        // the SHORT-KEY entries follow the FIPS provider (its hmac_prov.c refuses short keys from 3.5 on), not the library
        assertThat(ignores.contains("test_sha256_rfc4231")).isEqualTo(shortKeys);
    }
}
