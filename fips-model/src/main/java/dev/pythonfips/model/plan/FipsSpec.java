package dev.pythonfips.model.plan;

import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.PgoTraining;
import dev.pythonfips.model.options.Policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the user wrote, as plain strings, before validation. The Maven plugin fills it from the pom; tests
 * build it directly. {@link MatrixPlanner} turns it into cells or a list of problems.
 *
 * @param matrix     the cross product (may be null when only explicit images are given)
 * @param images     explicit extra cells
 * @param excludes   cells or platforms removed from the result, like a CI matrix exclude
 * @param imageName  image reference pattern with placeholders (see {@link ImageNames})
 * @param baseImages base image per distro id, overriding the defaults
 * @param options    build choices shared by all cells
 * @param sources    user pins for tarballs the catalog does not know
 * @param labels     extra image labels, added to the generated ones
 * @param certificates user-declared CMVP certificates of OpenSSL 3 FIPS providers the catalog does not record
 */
public record FipsSpec(MatrixSpec matrix, List<CellSpec> images, List<ExcludeSpec> excludes, String imageName,
                       Map<String, String> baseImages, Options options, List<SourcePin> sources,
                       Map<String, String> labels, List<CertificateSpec> certificates) {

    /** Without declared certificates. */
    public FipsSpec(MatrixSpec matrix, List<CellSpec> images, List<ExcludeSpec> excludes, String imageName,
                    Map<String, String> baseImages, Options options, List<SourcePin> sources,
                    Map<String, String> labels) {
        this(matrix, images, excludes, imageName, baseImages, options, sources, labels, List.of());
    }

    /** Without extra labels. */
    public FipsSpec(MatrixSpec matrix, List<CellSpec> images, List<ExcludeSpec> excludes, String imageName,
                    Map<String, String> baseImages, Options options, List<SourcePin> sources) {
        this(matrix, images, excludes, imageName, baseImages, options, sources, Map.of());
    }

    public FipsSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        images = images == null ? List.of() : List.copyOf(images);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        baseImages = baseImages == null ? Map.of() : Map.copyOf(baseImages);
        options = options == null ? Options.defaults() : options;
        sources = sources == null ? List.of() : List.copyOf(sources);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /** {@code <matrix>}: every python × distro, with one OpenSSL library and FIPS module. */
    public record MatrixSpec(List<String> pythons, List<String> distros, String openssl, String fipsProvider,
                             List<String> platforms, Map<String, String> origins) {
        public MatrixSpec {
            pythons = pythons == null ? List.of() : List.copyOf(pythons);
            distros = distros == null ? List.of() : List.copyOf(distros);
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
            origins = origins == null ? Map.of() : Map.copyOf(origins);
        }

        /** Every field as written in {@code <matrix>}. */
        public MatrixSpec(List<String> pythons, List<String> distros, String openssl, String fipsProvider, List<String> platforms) {
            this(pythons, distros, openssl, fipsProvider, platforms, Map.of());
        }

        /**
         * How the user wrote a field when not in {@code <matrix>} (e.g. {@code "python" -> "-Dfips.pythons"}), so a
         * problem names what the user actually wrote; the frontend decides the wording, the model stays neutral.
         */
        public Optional<String> origin(String field) {
            return Optional.ofNullable(origins.get(field));
        }
    }

    /**
     * {@code <images><image>}: one explicit cell.
     *
     * @param cryptography this cell's {@code <cryptography>} version, overriding the shared option (null or empty:
     *                     the shared option)
     */
    public record CellSpec(String python, String distro, String openssl, String fipsProvider, List<String> platforms,
                           String cryptography) {
        public CellSpec {
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
        }

        /** A cell with the shared {@code <cryptography>}. */
        public CellSpec(String python, String distro, String openssl, String fipsProvider, List<String> platforms) {
            this(python, distro, openssl, fipsProvider, platforms, null);
        }
    }

    /** {@code <excludes><exclude>}: every given field must match; {@code platform} removes only that platform. */
    public record ExcludeSpec(String python, String distro, String openssl, String fipsProvider, String platform) {
    }

    /** {@code <sources><source>}: a user pin for a tarball, with an optional URL overriding the upstream one. */
    public record SourcePin(String component, String version, String sha256, String file, String url) {
    }

    /**
     * {@code <fipsCertificates><fipsCertificate>}: the CMVP certificate of an OpenSSL 3 FIPS provider version,
     * declared by the user (e.g. a module validated after this release of python-fips).
     *
     * @param module   the provider version it covers, e.g. 3.5.4
     * @param number   the CMVP certificate number
     * @param standard {@code FIPS 140-2} or {@code FIPS 140-3}
     * @param sunset   ISO date the certificate moves to the historical list
     * @param url      https URL of the certificate on csrc.nist.gov
     */
    public record CertificateSpec(String module, String number, String standard, String sunset, String url) {
    }

    /**
     * Build choices shared by all cells.
     *
     * @param prefix                   install prefix of OpenSSL and Python in the image
     * @param policy                   {@code strict} or {@code allow-non-security}
     * @param fipsInstall              where {@code openssl fipsinstall} runs: {@code build} or {@code startup}
     * @param allowUnvalidatedProvider accept a FIPS provider version without a CMVP certificate (labelled as such)
     * @param cryptography             optional pyca/cryptography version built from source against our OpenSSL
     * @param pipIndexUrl              package index for cryptography (air-gapped mirror); empty means pip's default
     * @param extraPackages            distro packages added to the runtime stage
     * @param keepTests                keep CPython's test suite in the image (needed to run it under FIPS)
     * @param uid                      numeric user id the runtime image runs as
     * @param defaultPlatforms         platforms used when a cell names none
     * @param builtinHashes            {@code none} (default: no builtin hash module is built) or {@code all}
     * @param optimizations            CPython build optimisation: {@code pgo-lto} (default, a release build),
     *                                 {@code pgo}, {@code lto} or {@code none} (fastest build, slowest interpreter)
     * @param sourceDateEpoch          the build date, seconds since the epoch ({@link SourceDateEpoch}): SOURCE_DATE_EPOCH
     *                                 of the builds and the created label; null: {@link SourceDateEpoch#DEFAULT}
     * @param pip                      ship pip (and ensurepip's wheels, so venvs get pip); false: neither, a runtime
     *                                 image without an installer, as Chainguard's (packages go in at a build stage)
     * @param interpreterLinkage       how {@code bin/python3.X} holds the interpreter: {@code executable-pie} (default),
     *                                 {@code executable-no-pie} (as Debian's python3), both without libpython3.X.so,
     *                                 or {@code shared} (loads libpython3.X.so, installed for embedding)
     * @param pgoTraining              what the PGO training runs ({@link PgoTraining}); null when the pom
     *                                 does not say ({@link #DEFAULT_PGO_TRAINING}), so a value given for an
     *                                 optimisation without PGO is reported, not ignored
     */
    public record Options(String prefix, String policy, String fipsInstall, boolean allowUnvalidatedProvider,
                          String cryptography, String pipIndexUrl, List<String> extraPackages, boolean keepTests,
                          String uid, List<String> defaultPlatforms, String builtinHashes, String optimizations,
                          Long sourceDateEpoch, boolean pip, String interpreterLinkage, String pgoTraining) {

        public static final String DEFAULT_PREFIX = "/opt/python-fips";
        public static final String DEFAULT_UID = "10001";
        public static final String DEFAULT_OPTIMIZATIONS = Optimizations.PGO_LTO.value();
        public static final String DEFAULT_INTERPRETER_LINKAGE = InterpreterLinkage.EXECUTABLE_PIE.value();
        public static final String DEFAULT_PGO_TRAINING = PgoTraining.REGRESSION_SUITE.value();

        public Options {
            prefix = blankTo(prefix, DEFAULT_PREFIX);
            policy = blankTo(policy, Policy.STRICT.value());
            fipsInstall = blankTo(fipsInstall, FipsInstall.BUILD.value());
            cryptography = cryptography == null ? "" : cryptography.trim();
            pipIndexUrl = pipIndexUrl == null ? "" : pipIndexUrl.trim();
            extraPackages = extraPackages == null ? List.of() : List.copyOf(extraPackages);
            uid = blankTo(uid, DEFAULT_UID);
            defaultPlatforms = defaultPlatforms == null || defaultPlatforms.isEmpty()
                    ? List.of("linux/amd64") : List.copyOf(defaultPlatforms);
            builtinHashes = blankTo(builtinHashes, BuildChoices.BUILTIN_NONE);
            optimizations = blankTo(optimizations, DEFAULT_OPTIMIZATIONS);
            sourceDateEpoch = sourceDateEpoch == null ? SourceDateEpoch.DEFAULT : sourceDateEpoch;
            interpreterLinkage = blankTo(interpreterLinkage, DEFAULT_INTERPRETER_LINKAGE);
            pgoTraining = pgoTraining == null || pgoTraining.isBlank() ? null : pgoTraining.trim();
        }

        /** The PGO training the cells use: the pom's, else {@link #DEFAULT_PGO_TRAINING}. */
        public String pgoTrainingOrDefault() {
            return pgoTraining == null ? DEFAULT_PGO_TRAINING : pgoTraining;
        }

        public static Options defaults() {
            return builder().build();
        }

        /** Options built by name; what is not set takes its default (the compact constructor above, the one place). */
        public static Builder builder() {
            return new Builder();
        }

        /** Sets options by name: {@code Options.builder().policy("strict").keepTests(true).build()}. */
        public static final class Builder {
            private String prefix;
            private String policy;
            private String fipsInstall;
            private boolean allowUnvalidatedProvider;
            private String cryptography;
            private String pipIndexUrl;
            private List<String> extraPackages;
            private boolean keepTests;
            private String uid;
            private List<String> defaultPlatforms;
            private String builtinHashes;
            private String optimizations;
            private Long sourceDateEpoch;
            private boolean pip = true;
            private String interpreterLinkage;
            private String pgoTraining;

            private Builder() {
            }

            public Builder prefix(String v) { prefix = v; return this; }
            public Builder policy(String v) { policy = v; return this; }
            public Builder fipsInstall(String v) { fipsInstall = v; return this; }
            public Builder allowUnvalidatedProvider(boolean v) { allowUnvalidatedProvider = v; return this; }
            public Builder cryptography(String v) { cryptography = v; return this; }
            public Builder pipIndexUrl(String v) { pipIndexUrl = v; return this; }
            public Builder extraPackages(List<String> v) { extraPackages = v; return this; }
            public Builder keepTests(boolean v) { keepTests = v; return this; }
            public Builder uid(String v) { uid = v; return this; }
            public Builder defaultPlatforms(List<String> v) { defaultPlatforms = v; return this; }
            public Builder builtinHashes(String v) { builtinHashes = v; return this; }
            public Builder optimizations(String v) { optimizations = v; return this; }
            public Builder sourceDateEpoch(Long v) { sourceDateEpoch = v; return this; }
            public Builder pip(boolean v) { pip = v; return this; }
            public Builder interpreterLinkage(String v) { interpreterLinkage = v; return this; }
            public Builder pgoTraining(String v) { pgoTraining = v; return this; }

            public Options build() {
                return new Options(prefix, policy, fipsInstall, allowUnvalidatedProvider, cryptography, pipIndexUrl,
                        extraPackages, keepTests, uid, defaultPlatforms, builtinHashes, optimizations, sourceDateEpoch, pip,
                        interpreterLinkage, pgoTraining);
            }
        }

        private static String blankTo(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
