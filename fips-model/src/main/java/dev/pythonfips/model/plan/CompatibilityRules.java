package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.FipsModule;
import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.catalog.ModuleKindSupport;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.PolicySupport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Python / OpenSSL / FIPS module / platform combinations a cell may have. One rule = one row with its reason;
 * CompatibilityRulesTest has one case per row (and checks that no row is without one). The facts the rows compare
 * against come from the catalog, never from Java: the patched Python minors and the platforms ({@code catalog.json}
 * "support"), PEP 644's OpenSSL floor (idem), the module kinds with their OpenSSL line and platforms
 * ({@code fips-modules.json} "kinds"), the CMVP records ({@code fips-modules.json} "modules"). The policy and
 * builtin-hash rows delegate to the tables of {@link PolicySupport}.
 *
 * <p>Every row is checked for every cell, so a cell that breaks several rules gets every problem at once.
 */
public final class CompatibilityRules {

    /**
     * One cell's combination, as the rows see it.
     *
     * @param at          how the user wrote a field of this cell (python, distro, openssl, fipsProvider)
     * @param platformsAt how the user wrote this cell's platforms
     * @param origin      where the cell comes from, as worded (e.g. {@code <images><image>[2]})
     */
    public record Combination(Version python, Version openssl, Version fipsProvider, List<Platform> platforms,
                              FipsSpec.Options options, Function<String, String> at, String platformsAt, String origin) {

        public String cellId(String distro) {
            return Cell.idOf(python, distro, openssl, fipsProvider);
        }
    }

    /**
     * What the rows compare against.
     *
     * @param declared user-declared certificates ({@code <fipsCertificates>}) by provider version
     * @param distro   the cell's distro id (for messages naming the cell)
     */
    public record Context(Catalog catalog, Wording wording, LocalDate today, Map<String, FipsModule> declared, String distro) {

        /** The CMVP record of the cell's module: the catalog's, else a user-declared one. */
        Optional<FipsModule> module(Version fipsProvider) {
            return catalog.fipsModule(fipsProvider.toString()).or(() -> Optional.ofNullable(declared.get(fipsProvider.toString())));
        }

        /** The validated OpenSSL 3 provider to suggest: not historical today, FIPS 140-3 before 140-2, newest first. */
        Optional<FipsModule> preferredProvider() {
            return catalog.fipsModules(ModuleKind.OPENSSL3_PROVIDER).stream().filter(m -> !m.isHistoricalOn(today))
                    .max(Comparator.comparing(FipsModule::standard).thenComparing(m -> Version.parse(m.version())));
        }

        /** "3.1.2 (FIPS 140-3, #4985)" for messages. */
        String preferredProviderText() {
            return preferredProvider().map(m -> m.version() + " (" + m.standard() + ", #" + String.join(", #", m.certificates()) + ")")
                    .orElse("a validated OpenSSL 3 provider");
        }
    }

    /** A row's test: the problem this combination has under the row, or empty. */
    @FunctionalInterface
    public interface Check {
        Optional<Problem> problem(Combination c, Context x);
    }

    /**
     * One row.
     *
     * @param id     stable name, used by tests and documentation
     * @param reason why the rule exists and where the fact comes from, in one sentence
     */
    public record Rule(String id, String reason, Check check) {
    }

    /** The rule table. */
    public static final List<Rule> RULES = List.of(
            new Rule("patched-python",
                    "CPython uses OpenSSL's FIPS mode only with our patch (patches/<minor>/python-fips.patch); the minor "
                            + "lines that have one are the catalog's support.patchedPythonMinors, and pinning a tarball cannot "
                            + "replace a missing patch",
                    (c, x) -> x.catalog().isPatched(c.python()) ? Optional.empty()
                            : Optional.of(new Problem(c.at().apply("python"), "Python " + c.python().minorLine() + " has no FIPS patch set",
                            "use a release of " + x.catalog().patchedPythonMinors() + " (the minors python-fips has a FIPS patch for); pinning a "
                                    + "tarball cannot help without a patch"))),
            new Rule("python-needs-openssl",
                    "a Python release may need a minimum OpenSSL (catalog support.pythonNeedsOpenssl: PEP 644, Python 3.10+ "
                            + "needs OpenSSL 1.1.1 or newer, so never 1.0.2)",
                    CompatibilityRules::opensslFloor),
            new Rule("known-module-kind",
                    "a FIPS module version is of a kind fips-modules.json describes (the FIPS Object Module 2.0.x, an "
                            + "OpenSSL 3 provider 3.x); nothing else can be built",
                    CompatibilityRules::knownModuleKind),
            new Rule("module-needs-its-openssl",
                    "each module kind loads into one OpenSSL line only (kinds[].openssl): the FIPS Object Module into "
                            + "OpenSSL 1.0.2, an OpenSSL 3 provider into OpenSSL 3.x or later (README-FIPS.md), never into 1.x",
                    CompatibilityRules::moduleOpenssl),
            new Rule("module-platforms",
                    "a module kind may be built for some platforms only (kinds[].platforms): the FIPS Object Module 2.0.x "
                            + "only for linux/amd64 here",
                    CompatibilityRules::modulePlatforms),
            new Rule("openssl-has-a-fips-module",
                    "the OpenSSL library must be of a line some module kind loads into (1.0.2, 3.x or later); OpenSSL "
                            + "1.1.x has no FIPS module at all",
                    CompatibilityRules::opensslLine),
            new Rule("policy-honoured",
                    "a <policy> is generated only where the Python/OpenSSL combination honours it: the rows of "
                            + "PolicySupport.RULES, each with its own reason",
                    CompatibilityRules::policy),
            new Rule("builtin-hashes-buildable",
                    "<builtinHashes> only where the combination can do without them: PolicySupport.BUILTIN_HASH_RULES",
                    CompatibilityRules::builtinHashes),
            new Rule("validated-provider",
                    "a provider version without a CMVP certificate (fips-modules.json, or declared in <fipsCertificates>) "
                            + "is refused unless the user opts in with <allowUnvalidatedProvider>",
                    CompatibilityRules::validated));

    private CompatibilityRules() {
    }

    /** Every row's problem with this combination, in table order. */
    public static List<Problem> problems(Combination c, Context x) {
        List<Problem> out = new ArrayList<>();
        for (Rule r : RULES) {
            r.check().problem(c, x).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Problem> opensslFloor(Combination c, Context x) {
        for (Catalog.OpensslFloor f : x.catalog().opensslFloors()) {
            if (c.python().compareTo(f.python()) >= 0 && c.openssl().compareTo(f.openssl()) < 0) {
                List<String> older = x.catalog().patchedPythonMinors().stream()
                        .filter(m -> Version.parse(m + ".0").compareTo(f.python()) < 0).toList();
                return Optional.of(new Problem(c.at().apply("openssl"), "Python " + c.python() + " needs OpenSSL " + f.openssl()
                        + " or newer (" + f.record() + "), not " + c.openssl(),
                        (older.isEmpty() ? "use " : "use Python " + String.join(" or ", older) + " for OpenSSL " + c.openssl() + ", or ")
                                + "OpenSSL " + f.openssl() + " or newer with a FIPS module (e.g. 3.x) for Python " + c.python().minorLine()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> knownModuleKind(Combination c, Context x) {
        if (x.catalog().moduleKindOf(c.fipsProvider()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(c.at().apply("fipsProvider"), "\"" + c.fipsProvider() + "\" is neither "
                + String.join(" nor ", x.catalog().moduleKinds().stream().map(k -> k.name() + " (" + k.versions().display() + ")").toList()),
                "use a validated provider such as " + x.preferredProviderText()));
    }

    private static Optional<Problem> moduleOpenssl(Combination c, Context x) {
        Optional<ModuleKindSupport> kind = x.catalog().moduleKindOf(c.fipsProvider());
        if (kind.isEmpty() || kind.get().openssl().contains(c.openssl())) {
            return Optional.empty();
        }
        ModuleKindSupport k = kind.get();
        Wording w = x.wording();
        String library = k.openssl().contains(c.fipsProvider()) ? c.fipsProvider().toString()
                : x.catalog().newest(Release.Component.OPENSSL, k.openssl()).orElse(k.openssl().display());
        StringBuilder fix = new StringBuilder("use OpenSSL " + k.openssl().display() + " (e.g. " + w.value("openssl", library) + ")");
        for (ModuleKindSupport other : x.catalog().moduleKinds()) {
            if (other != k && other.openssl().contains(c.openssl())) {
                Optional<String> module = other.kind() == ModuleKind.OPENSSL3_PROVIDER ? x.preferredProvider().map(FipsModule::version)
                        : x.catalog().fipsModules(other.kind()).stream().map(FipsModule::version).findFirst();
                module.ifPresent(m -> fix.append(", or ").append(other.name()).append(" for OpenSSL ").append(c.openssl())
                        .append(" such as ").append(w.value("fipsProvider", m)));
            }
        }
        return Optional.of(new Problem(c.at().apply("fipsProvider"), k.name() + " " + c.fipsProvider() + " only works with OpenSSL "
                + k.openssl().display() + ", so it cannot load into OpenSSL " + c.openssl(), fix.toString()));
    }

    private static Optional<Problem> modulePlatforms(Combination c, Context x) {
        Optional<ModuleKindSupport> kind = x.catalog().moduleKindOf(c.fipsProvider());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> others = c.platforms().stream().map(Platform::toString).filter(p -> !kind.get().builtFor(p)).toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(c.platformsAt(), kind.get().name() + " " + c.fipsProvider() + " is built only for "
                + String.join(", ", kind.get().platforms()) + " here, not " + others,
                "remove " + others + " from the platforms of this cell (or exclude it)"));
    }

    private static Optional<Problem> opensslLine(Combination c, Context x) {
        if (x.catalog().moduleKinds().stream().anyMatch(k -> k.openssl().contains(c.openssl()))) {
            return Optional.empty();
        }
        Wording w = x.wording();
        List<String> ways = new ArrayList<>();
        for (ModuleKindSupport k : x.catalog().moduleKinds()) {
            Optional<String> module = k.kind() == ModuleKind.OPENSSL3_PROVIDER ? x.preferredProvider().map(FipsModule::version)
                    : x.catalog().fipsModules(k.kind()).stream().map(FipsModule::version).findFirst();
            Optional<String> library = module.filter(m -> k.openssl().contains(Version.parse(m)))
                    .or(() -> x.catalog().newest(Release.Component.OPENSSL, k.openssl()));
            ways.add("OpenSSL " + k.openssl().display() + " with " + k.name()
                    + (module.isPresent() && library.isPresent() ? " (e.g. " + w.value("openssl", library.get()) + " and "
                    + w.value("fipsProvider", module.get()) + ")" : ""));
        }
        return Optional.of(new Problem(c.at().apply("openssl"), "OpenSSL " + c.openssl() + " has no FIPS module python-fips can build",
                "use " + String.join(", or ", ways)));
    }

    private static Optional<Problem> policy(Combination c, Context x) {
        Optional<PolicySupport.Rule> rule = PolicySupport.rule(c.python(), c.openssl(), c.options().policy());
        if (rule.isEmpty() || rule.get().honoured()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(x.wording().element("policy"), "policy \"" + c.options().policy()
                + "\" is not honoured by cell " + c.cellId(x.distro()) + " (" + c.origin() + "): " + rule.get().reason(),
                x.wording().render(rule.get().fix())));
    }

    private static Optional<Problem> builtinHashes(Combination c, Context x) {
        return PolicySupport.builtinHashRefusal(c.python(), c.openssl(), c.options().builtinHashes())
                .map(r -> new Problem(x.wording().element("builtinHashes"), "\"" + c.options().builtinHashes()
                        + "\" cannot be built for cell " + c.cellId(x.distro()) + " (" + c.origin() + "): " + r.reason(),
                        x.wording().render(r.fix())));
    }

    private static Optional<Problem> validated(Combination c, Context x) {
        if (x.module(c.fipsProvider()).isPresent() || c.options().allowUnvalidatedProvider()) {
            return Optional.empty();
        }
        Wording w = x.wording();
        List<String> known = new ArrayList<>(x.catalog().fipsModules().stream().map(FipsModule::version).toList());
        known.addAll(x.declared().keySet());
        String preferred = x.preferredProvider().map(m -> m.version() + " is " + m.standard()).orElse("see fips-modules.json");
        return Optional.of(new Problem(c.at().apply("fipsProvider"), "FIPS provider " + c.fipsProvider()
                + " has no CMVP validation on record (validated: " + known + ")",
                "use a validated version (" + preferred + "), declare its CMVP certificate with "
                        + w.path("fipsCertificates", "fipsCertificate") + " if it has one, or set "
                        + w.suggest("allowUnvalidatedProvider", "true")
                        + " to build it anyway; the image is then labelled unvalidated"));
    }
}
