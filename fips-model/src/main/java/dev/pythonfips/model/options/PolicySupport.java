package dev.pythonfips.model.options;

import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code <policy>} each Python minor line actually honours on each OpenSSL line, and which
 * {@code <builtinHashes>} choice each combination can build. A combination is either honoured (the image does what
 * the policy promises) or refused at generate time; nothing in between. One rule = one row, each with its reason;
 * patches/README.md ("Policy support per Python minor and OpenSSL line") shows the same table, and
 * PolicySupportTest has one case per (minor × OpenSSL line × policy).
 *
 * <p>Python 3.10+ on OpenSSL 1.0.2 has no row: PEP 644 refuses it before policies are looked at.
 */
public final class PolicySupport {

    /** The two OpenSSL lines with a FIPS module. */
    public enum OpenSslLine {
        /** OpenSSL 1.0.2 with the FIPS Object Module 2.0 ({@code FIPS_mode_set}, {@code EVP_MD_CTX_FLAG_NON_FIPS_ALLOW}). */
        V1_0_2("OpenSSL 1.0.2"),
        /** OpenSSL 3.x with a FIPS provider (property queries, {@code default_properties = fips=yes}). */
        V3("OpenSSL 3");

        private final String display;

        OpenSslLine(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }

        /** The line of a library release, or null when it has no FIPS module (refused elsewhere). */
        public static OpenSslLine of(Version openssl) {
            if (openssl.major() == 3) {
                return V3;
            }
            return openssl.major() == 1 && openssl.minor() == 0 && openssl.patch() == 2 ? V1_0_2 : null;
        }
    }

    /**
     * Which lines of patches/expected-fips-test-failures.txt a cell's CPython test run skips by name. {@code ANY}
     * and {@code STRICT} are the policy tags; the {@code [openssl-3.5]} lines follow the FIPS provider version
     * (see {@link dev.pythonfips.model.render.ContextRenderer#cpythonTestIgnores}). {@code NONE}: nothing is skipped,
     * because nothing fails.
     */
    public enum Ignores {
        NONE, ANY, ANY_AND_STRICT
    }

    /**
     * One row: for these Python minors on this OpenSSL line, this policy is honoured or refused.
     *
     * @param minors  Python minor lines ({@code 3.11}, …)
     * @param line    the OpenSSL line
     * @param policy  {@code strict} or {@code allow-non-security}
     * @param honoured true: generated; false: refused with {@code reason} and {@code fix}
     * @param reason  why, in one sentence (also the refusal message)
     * @param fix     what to do instead (refused rows only); {@code {policy=strict}} is worded by the frontend
     *                ({@link Wording#render})
     * @param ignores CPython tests skipped by name when the image runs them (honoured rows only)
     */
    public record Rule(Set<String> minors, OpenSslLine line, String policy, boolean honoured, String reason,
                       String fix, Ignores ignores) {
    }

    private static final Set<String> MODERN = Set.of("3.11", "3.12", "3.13", "3.14");
    private static final String STRICT = Policy.STRICT.value();
    private static final String ALLOW = Policy.ALLOW_NON_SECURITY.value();

    /** The policy table. */
    public static final List<Rule> RULES = List.of(
            new Rule(Set.of("3.9"), OpenSslLine.V3, STRICT, true,
                    "only the fips and base providers are loaded and 3.9's _hashlib cannot ask for anything else, so "
                            + "non-approved digests are refused even with usedforsecurity=False",
                    "", Ignores.ANY_AND_STRICT),
            new Rule(Set.of("3.9"), OpenSslLine.V3, ALLOW, false,
                    "Python 3.9's _hashopenssl.c has no property queries (no \"-fips\" fetch), so usedforsecurity=False "
                            + "can never reach the OpenSSL default provider: the policy would behave like strict",
                    "use {policy=strict} for Python 3.9 on OpenSSL 3, or Python 3.11+",
                    Ignores.NONE),
            new Rule(Set.of("3.9"), OpenSslLine.V1_0_2, STRICT, false,
                    "on OpenSSL 1.0.2 Python 3.9's usedforsecurity=False sets EVP_MD_CTX_FLAG_NON_FIPS_ALLOW, so MD5 "
                            + "works for non-security use in FIPS mode whatever the configuration says; nothing enforces strict",
                    "use {policy=allow-non-security} for Python 3.9 on "
                            + "OpenSSL 1.0.2, or Python 3.11+ on OpenSSL 3 for strict",
                    Ignores.NONE),
            new Rule(Set.of("3.9"), OpenSslLine.V1_0_2, ALLOW, true,
                    "usedforsecurity=False sets EVP_MD_CTX_FLAG_NON_FIPS_ALLOW: MD5 only for non-security use, the default "
                            + "refused (1.0.2 has no BLAKE2 or SHA-3 at all). CPython's tests run outside FIPS mode there "
                            + "(3.9 never loads the OpenSSL config; FIPS mode starts at ssl.FIPS_mode_set(1)), so nothing is skipped",
                    "", Ignores.NONE),
            new Rule(MODERN, OpenSslLine.V3, STRICT, true,
                    "usedforsecurity=False fetches with \"-fips\"; with only the fips and base providers loaded nothing "
                            + "answers, so non-approved digests are refused",
                    "", Ignores.ANY_AND_STRICT),
            new Rule(MODERN, OpenSslLine.V3, ALLOW, true,
                    "usedforsecurity=False fetches with \"-fips\" from the loaded default provider; everything else "
                            + "resolves to the FIPS provider (default_properties = fips=yes)",
                    "", Ignores.ANY));

    /**
     * One row of the builtin-hash table: a {@code <builtinHashes>} choice a combination cannot build. Anything not
     * listed builds.
     */
    public record BuiltinHashRule(Set<String> minors, OpenSslLine line, String builtinHashes, String reason, String fix) {
    }

    public static final List<BuiltinHashRule> BUILTIN_HASH_RULES = List.of(
            new BuiltinHashRule(Set.of("3.9"), OpenSslLine.V1_0_2, BuildChoices.BUILTIN_NONE,
                    "Python 3.9 on OpenSSL 1.0.2 imports hashlib outside FIPS mode (FIPS mode starts at "
                            + "ssl.FIPS_mode_set(1)), and OpenSSL 1.0.2 has no SHA-3 or BLAKE2: without the builtin "
                            + "_sha3/_blake2 every `import hashlib` logs an error traceback and hashlib.sha3_256, "
                            + "hashlib.blake2b & co. are missing",
                    "use {builtinHashes=all} for Python 3.9 on OpenSSL 1.0.2; "
                            + "the patch never uses them in FIPS mode"));

    private PolicySupport() {
    }

    /** The row deciding {@code policy} for this Python and OpenSSL library, if the combination has one. */
    public static Optional<Rule> rule(Version python, Version openssl, String policy) {
        OpenSslLine line = OpenSslLine.of(openssl);
        return RULES.stream().filter(r -> r.minors().contains(python.minorLine()) && r.line() == line
                && r.policy().equals(policy)).findFirst();
    }

    /** The refusal of {@code builtinHashes} for this Python and OpenSSL library, if any. */
    public static Optional<BuiltinHashRule> builtinHashRefusal(Version python, Version openssl, String builtinHashes) {
        OpenSslLine line = OpenSslLine.of(openssl);
        return BUILTIN_HASH_RULES.stream().filter(r -> r.minors().contains(python.minorLine()) && r.line() == line
                && r.builtinHashes().equals(builtinHashes)).findFirst();
    }
}
