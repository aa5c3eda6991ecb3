package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.VersionLine;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.catalog.ModuleKindSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per row of {@link CompatibilityRules#RULES}: a combination only that row refuses (through the planner, the
 * path of fips:generate), the element it names, and a part of its message and fix; and one accepted neighbour, so a
 * row that refuses too much fails as well. {@link #everyRowHasACase()} fails when a row is added without a case.
 */
class CompatibilityRulesTest {

    private static final CompatibilityRules.Context CONTEXT = new CompatibilityRules.Context(Catalog.builtIn(),
            PomWording.INSTANCE, Specs.TODAY, Map.of(), "debian12");

    private static List<Problem> problems(String python, String openssl, String fips, String platforms, String policy,
                                          String builtinHashes, boolean allowUnvalidated) {
        List<Platform> ps = Arrays.stream(platforms.split(",")).map(Platform::parse).toList();
        FipsSpec.Options options = FipsSpec.Options.builder().policy(policy)
                .allowUnvalidatedProvider(allowUnvalidated).builtinHashes(builtinHashes).build();
        return CompatibilityRules.problems(new CompatibilityRules.Combination(Version.parse(python), Version.parse(openssl),
                Version.parse(fips), ps, options, f -> "<images><image>[1]<" + f + ">", "<images><image>[1]<platforms>",
                "<images><image>[1]"), CONTEXT);
    }

    @ParameterizedTest(name = "{0}: {1} / OpenSSL {2} / module {3} / {4}")
    @CsvSource(delimiter = '|', value = {
            // rule, the combination only it refuses (or with the rows after "+"), the element, message part and fix part
            "patched-python           | 3.10.20 | 3.0.9   | 3.0.9  | linux/amd64            | strict             | none   | <images><image>[1]<python>       | Python 3.10 has no FIPS patch set                         | [3.9, 3.11, 3.12, 3.13, 3.14]",
            "python-needs-openssl     | 3.11.9  | 1.0.2u  | 2.0.16 | linux/amd64            | allow-non-security | all    | <images><image>[1]<openssl>      | needs OpenSSL 1.1.1 or newer (PEP 644), not 1.0.2u        | use Python 3.9 for OpenSSL 1.0.2u",
            "known-module-kind + validated-provider | 3.12.3  | 3.0.9   | 4.0.0  | linux/amd64            | strict             | none   | <images><image>[1]<fipsProvider> | \"4.0.0\" is neither the FIPS Object Module (2.0.x) nor    | such as 3.1.2 (FIPS 140-3, #4985)",
            "module-needs-its-openssl | 3.12.3  | 3.0.9   | 2.0.16 | linux/amd64            | strict             | none   | <images><image>[1]<fipsProvider> | only works with OpenSSL 1.0.2, so it cannot load into OpenSSL 3.0.9 | <openssl>1.0.2u</openssl>), or an OpenSSL 3 FIPS provider for OpenSSL 3.0.9 such as <fipsProvider>3.1.2</fipsProvider>",
            "module-platforms         | 3.9.19  | 1.0.2u  | 2.0.16 | linux/amd64,linux/arm64 | allow-non-security | all    | <images><image>[1]<platforms>    | is built only for linux/amd64 here, not [linux/arm64]     | remove [linux/arm64]",
            "openssl-has-a-fips-module + module-needs-its-openssl | 3.9.19 | 1.1.1w  | 2.0.16 | linux/amd64            | allow-non-security | all    | <images><image>[1]<openssl>      | OpenSSL 1.1.1w has no FIPS module                          | OpenSSL 3.x or later with an OpenSSL 3 FIPS provider (e.g. <openssl>3.1.2</openssl> and <fipsProvider>3.1.2</fipsProvider>)",
            "policy-honoured          | 3.9.19  | 3.0.9   | 3.0.9  | linux/amd64            | allow-non-security | none   | <policy>                         | is not honoured by cell 3.9.19-debian12-openssl3.0.9      | <policy>strict</policy> (-Dfips.policy=strict)",
            "builtin-hashes-buildable | 3.9.19  | 1.0.2u  | 2.0.16 | linux/amd64            | allow-non-security | none   | <builtinHashes>                  | cannot be built for cell 3.9.19-debian12-openssl1.0.2u-fips2.0.16 | -Dfips.builtinHashes=all",
            "validated-provider       | 3.12.3  | 3.0.20  | 3.0.20 | linux/amd64            | strict             | none   | <images><image>[1]<fipsProvider> | FIPS provider 3.0.20 has no CMVP validation on record     | <allowUnvalidatedProvider>true</allowUnvalidatedProvider> (-Dfips.allowUnvalidatedProvider=true)",
    })
    void eachRuleRefusesItsCombinationAndNamesTheElementAndTheFix(String rules, String python, String openssl, String fips,
                                                                  String platforms, String policy, String hashes,
                                                                  String element, String message, String fix) {
        List<String> ids = Arrays.stream(rules.split("\\+")).map(String::trim).toList();
        String rule = ids.get(0);
        assertThat(CompatibilityRules.RULES).extracting(CompatibilityRules.Rule::id).contains(rule);
        List<Problem> problems = problems(python, openssl, fips, platforms, policy, hashes, false);
        CompatibilityRules.Rule row = CompatibilityRules.RULES.stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow();
        // the row itself refuses the combination...
        assertThat(row.check().problem(new CompatibilityRules.Combination(Version.parse(python), Version.parse(openssl),
                Version.parse(fips), Arrays.stream(platforms.split(",")).map(Platform::parse).toList(),
                FipsSpec.Options.builder().policy(policy).builtinHashes(hashes).build(),
                f -> "<images><image>[1]<" + f + ">", "<images><image>[1]<platforms>", "<images><image>[1]"), CONTEXT))
                .as(rule + " refuses").get().satisfies(p -> {
                    assertThat(p.element()).isEqualTo(element);
                    assertThat(p.message()).contains(message);
                    assertThat(p.fix()).contains(fix);
                });
        // ...and no other row does, except those named after "+" (one mistake, one problem where the table allows)
        assertThat(problems).as(rule + ": " + problems).hasSize(ids.size());
    }

    @Test
    void everyRowHasACaseAndAReason() throws Exception {
        CsvSource cases = CompatibilityRulesTest.class.getDeclaredMethod("eachRuleRefusesItsCombinationAndNamesTheElementAndTheFix",
                String.class, String.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class).getAnnotation(CsvSource.class);
        Set<String> covered = new TreeSet<>();
        for (String row : cases.value()) {
            covered.add(row.split("[|+]")[0].trim());
        }
        for (CompatibilityRules.Rule r : CompatibilityRules.RULES) {
            assertThat(covered).as("a case for rule " + r.id()).contains(r.id());
            assertThat(r.reason()).as(r.id()).isNotBlank();
        }
        assertThat(CompatibilityRules.RULES.stream().map(CompatibilityRules.Rule::id).collect(Collectors.toSet()))
                .as("ids are unique").hasSize(CompatibilityRules.RULES.size());
    }

    @ParameterizedTest(name = "{0} / OpenSSL {1} / module {2} / {3}")
    @CsvSource(delimiter = '|', value = {
            "3.9.19  | 1.0.2u | 2.0.16 | linux/amd64             | allow-non-security | all",
            "3.9.19  | 3.0.9  | 3.0.9  | linux/amd64,linux/arm64 | strict             | none",
            "3.11.9  | 3.0.9  | 3.1.2  | linux/amd64,linux/arm64 | allow-non-security | none",
            "3.14.10 | 3.5.7  | 3.1.2  | linux/arm64             | strict             | all",
    })
    void theSupportedCombinationsPassEveryRow(String python, String openssl, String fips, String platforms, String policy,
                                              String hashes) {
        assertThat(problems(python, openssl, fips, platforms, policy, hashes, false)).isEmpty();
    }

    @Test
    void anUnvalidatedProviderPassesWhenTheUserOptsIn() {
        assertThat(problems("3.12.3", "3.0.20", "3.0.20", "linux/amd64", "strict", "none", true)).isEmpty();
    }

    @Test
    void theFactsComeFromTheCatalogAndEachPatchedMinorHasItsPatch() throws IOException {
        Catalog catalog = Catalog.builtIn();
        assertThat(catalog.patchedPythonMinors()).containsExactly("3.9", "3.11", "3.12", "3.13", "3.14");
        for (String minor : catalog.patchedPythonMinors()) {
            try (InputStream patch = Catalog.class.getResourceAsStream("/dev/pythonfips/patches/" + minor + "/python-fips.patch")) {
                assertThat(patch).as("patches/" + minor + "/python-fips.patch").isNotNull();
            }
        }
        assertThat(catalog.platforms()).containsExactly("linux/amd64", "linux/arm64")
                .allSatisfy(p -> assertThat(Platform.tryParse(p)).isPresent());
        // every catalogued module is of a kind, and the kind says what it works with
        assertThat(catalog.fipsModules()).allSatisfy(m -> {
            ModuleKindSupport k = catalog.moduleKindOf(Version.parse(m.version())).orElseThrow();
            assertThat(k.kind()).as(m.version()).isEqualTo(m.kind());
            assertThat(k.records()).isNotEmpty();
        });
        ModuleKindSupport legacy = catalog.moduleKind(ModuleKind.FIPS_OBJECT_MODULE_2);
        assertThat(legacy.openssl().contains(Version.parse("1.0.2u"))).isTrue();
        assertThat(legacy.openssl().contains(Version.parse("1.1.1w"))).isFalse();
        assertThat(legacy.platforms()).containsExactly("linux/amd64");
        assertThat(catalog.moduleKind(ModuleKind.OPENSSL3_PROVIDER).openssl().contains(Version.parse("3.5.7"))).isTrue();
        assertThat(catalog.opensslFloors()).singleElement().satisfies(f -> assertThat(f.record()).contains("PEP 644"));
    }

    @Test
    void versionLinesMatchWholeLinesOrEverythingLater() {
        assertThat(VersionLine.parse("1.0.2").contains(Version.parse("1.0.2u"))).isTrue();
        assertThat(VersionLine.parse("1.0.2").contains(Version.parse("1.0.20"))).isFalse();
        assertThat(VersionLine.parse("2.0").contains(Version.parse("2.0.16"))).isTrue();
        assertThat(VersionLine.parse("3+").contains(Version.parse("4.0.1"))).isTrue();
        assertThat(VersionLine.parse("3+").contains(Version.parse("1.1.1"))).isFalse();
        assertThat(VersionLine.parse("3+").display()).isEqualTo("3.x or later");
    }
}
