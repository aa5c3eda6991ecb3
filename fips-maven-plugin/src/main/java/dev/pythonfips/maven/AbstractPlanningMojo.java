package dev.pythonfips.maven;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.CellFilter;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import dev.pythonfips.model.source.SourceResolver;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;

import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pom configuration of the cells (matrix, images, excludes, build choices, sources) and the one path from it to a
 * plan and generated contexts: every goal that plans from the pom (generate, build, push, sbom, export) extends this
 * class. Problems are worded by {@link MavenWording} (the elements and {@code -Dfips.*} properties of this plugin's
 * descriptor); values given with {@code -Dfips.pythons} &amp; co. are named as such.
 */
public abstract class AbstractPlanningMojo extends AbstractFipsMojo {

    /**
     * The matrix: every python × distro with one OpenSSL library and FIPS module. Nested elements:
     * {@code <pythons><python>3.12.3</python>...</pythons>} (full CPython releases),
     * {@code <distros><distro>debian12</distro>...</distros>} (rocky9, wolfi, debian12, debian13),
     * {@code <openssl>3.1.2</openssl>} (the library release), {@code <fipsProvider>3.1.2</fipsProvider>} (an OpenSSL 3
     * provider, or the FIPS Object Module 2.0.16), {@code <platforms><platform>linux/amd64</platform></platforms>}
     * (default linux/amd64). Each is overridden for one run by -Dfips.pythons, -Dfips.distros, -Dfips.openssl,
     * -Dfips.fipsProvider, -Dfips.platforms.
     */
    @Parameter
    protected Matrix matrix;

    /** Overrides {@code <matrix><pythons>} (comma-separated), e.g. -Dfips.pythons=3.11.9,3.12.3. */
    @Parameter(property = "fips.pythons")
    protected String pythons;

    /** Overrides {@code <matrix><distros>} (comma-separated). */
    @Parameter(property = "fips.distros")
    protected String distros;

    /** Overrides {@code <matrix><openssl>}. */
    @Parameter(property = "fips.openssl")
    protected String openssl;

    /** Overrides {@code <matrix><fipsProvider>}. */
    @Parameter(property = "fips.fipsProvider")
    protected String fipsProvider;

    /** Overrides {@code <matrix><platforms>} (comma-separated). */
    @Parameter(property = "fips.platforms")
    protected String platforms;

    /**
     * Extra explicit cells: {@code <image>} elements with the matrix's fields as single values: {@code <python>},
     * {@code <distro>}, {@code <openssl>}, {@code <fipsProvider>}, {@code <platforms><platform>...</platform></platforms>}.
     */
    @Parameter
    protected List<Image> images = new ArrayList<>();

    /**
     * Cells (or single platforms) to drop from the result: {@code <exclude>} elements; every given field of
     * {@code <python>}, {@code <distro>}, {@code <openssl>}, {@code <fipsProvider>} must match, and with
     * {@code <platform>linux/arm64</platform>} only that platform is dropped. An exclude that matches nothing is warned.
     */
    @Parameter
    protected List<Exclude> excludes = new ArrayList<>();

    /** Image reference pattern; placeholders {id} {python} {pythonMinor} {distro} {openssl} {fipsProvider}. */
    @Parameter(property = "fips.imageName", defaultValue = "python-fips:{id}")
    protected String imageName;

    /** Base image per distro id, e.g. {@code <debian12>local/debian:bookworm</debian12>}. */
    @Parameter
    protected Map<String, String> baseImages = new LinkedHashMap<>();

    /** Extra image labels (e.g. {@code <com.example.team>payments</com.example.team>}); dev.pythonfips.* is reserved. */
    @Parameter
    protected Map<String, String> labels = new LinkedHashMap<>();

    /** Install prefix of OpenSSL and Python in the image. */
    @Parameter(property = "fips.prefix", defaultValue = "/opt/python-fips")
    protected String prefix;

    /** strict (non-approved algorithms always refused) or allow-non-security (allowed with usedforsecurity=False). */
    @Parameter(property = "fips.policy", defaultValue = "strict")
    protected String policy;

    /**
     * Builtin hash modules of CPython: none (default; FIPS mode only ever uses OpenSSL, so they would be dead code)
     * or all (upstream's full set, per-version tokens).
     */
    @Parameter(property = "fips.builtinHashes", defaultValue = "none")
    protected String builtinHashes;

    /**
     * CMVP certificates of OpenSSL 3 FIPS provider versions the catalog does not record: {@code <fipsCertificate>}
     * elements with {@code <module>3.5.4</module>} (provider version), {@code <number>} (CMVP certificate number),
     * {@code <standard>FIPS 140-3</standard>}, {@code <sunset>2030-10-09</sunset>} (ISO date), {@code <url>} (https).
     */
    @Parameter
    protected List<FipsCertificate> fipsCertificates = new ArrayList<>();

    /** build: fipsinstall runs while building the runtime image; startup: the entrypoint runs it on first start. */
    @Parameter(property = "fips.fipsInstall", defaultValue = "build")
    protected String fipsInstall;

    /** Accept a FIPS provider version with no CMVP certificate (the image is labelled unvalidated). */
    @Parameter(property = "fips.allowUnvalidatedProvider", defaultValue = "false")
    protected boolean allowUnvalidatedProvider;

    /**
     * pyca/cryptography version built from source into every cell (an {@code <image>} may set its own
     * {@code <cryptography>}); empty: not installed. Only versions whose sdist this release pins (38.0.4): built
     * from the verified sdist against our OpenSSL and patched to use only the FIPS module. On Debian 12 with no
     * package index (its archive carries the Rust crates and build tools); elsewhere, or with
     * {@code <pipIndexUrl>}, its build requirements come from a package index.
     */
    @Parameter(property = "fips.cryptography", defaultValue = "")
    protected String cryptography;

    /** Package index (or file:// wheelhouse) for cryptography and its build dependencies. */
    @Parameter(property = "fips.pipIndexUrl", defaultValue = "")
    protected String pipIndexUrl;

    /** Distro packages added to the runtime image: {@code <extraPackage>tzdata</extraPackage>} elements. */
    @Parameter(property = "fips.extraPackages")
    protected List<String> extraPackages = new ArrayList<>();

    /** Keep CPython's own test suite in the image (to run test_hashlib etc. under FIPS). */
    @Parameter(property = "fips.keepTests", defaultValue = "false")
    protected boolean keepTests;

    /**
     * Ship pip, and ensurepip's wheels so {@code python3 -m venv} gets pip. false: neither (7 MB less gzip), a runtime
     * image without an installer; packages go in at a build stage, venvs need {@code --without-pip}.
     */
    @Parameter(property = "fips.pip", defaultValue = "true")
    protected boolean pip = true;

    /**
     * CPython build optimisation: pgo-lto (--enable-optimizations --with-lto, what a release needs), pgo, lto, or
     * none (fastest build, slowest interpreter; for CI smoke builds).
     */
    @Parameter(property = "fips.optimizations", defaultValue = "pgo-lto")
    protected String optimizations;

    /**
     * What the PGO training of pgo-lto and pgo runs: regression-suite (the default when unset, what a release ships:
     * CPython's test suite but its slow and process-heavy tests, as Debian trains) or upstream (CPython's own --pgo set
     * of 43-44 tests: a shorter build for an interpreter a few per cent slower). Refused with an optimisation that runs no
     * training (lto, none).
     */
    @Parameter(property = "fips.pgoTraining")
    protected String pgoTraining;

    /**
     * How bin/python3 holds the interpreter: executable-pie (linked into the executable, position-independent),
     * executable-no-pie (the same at a fixed address, as Debian's python3; the fastest) or shared (bin/python3 loads
     * libpython3.X.so, as python.org's --enable-shared). Only shared installs libpython3.X.so, which programs that
     * embed Python (mod_wsgi, uWSGI, PyInstaller) need.
     */
    @Parameter(property = "fips.interpreterLinkage", defaultValue = "executable-pie")
    protected String interpreterLinkage;

    /**
     * The build date of the images: SOURCE_DATE_EPOCH of every Docker build (OpenSSL's and libpython's build date,
     * pip's bytecode, the mtimes of the installed prefix) and the org.opencontainers.image.created label. ISO-8601 with
     * an offset (2026-01-01T00:00:00Z) or seconds since the epoch, as Maven's project.build.outputTimestamp; unset
     * (or one character): 1980-01-01T00:00:02Z, never the clock, so the same pom builds the same prefix.
     */
    @Parameter(property = "fips.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Numeric uid the runtime image runs as. */
    @Parameter(property = "fips.uid", defaultValue = "10001")
    protected String uid;

    /**
     * Pins for tarballs the release catalog does not know: {@code <source>} elements with {@code <component>} (python,
     * openssl or fips-module), {@code <version>}, {@code <sha256>}, and optionally {@code <file>} and {@code <url>}
     * (default: the upstream name and URL).
     */
    @Parameter
    protected List<Source> sources = new ArrayList<>();

    /**
     * Ordered source mirrors, {@code <mirror>} elements: upstream (each release's own URL), a file: folder, or an
     * http(s) base URL (comma-separated with -Dfips.mirrors). Validated even when sources are not fetched.
     */
    @Parameter(property = "fips.mirrors", defaultValue = "upstream")
    protected List<String> mirrors = new ArrayList<>(List.of("upstream"));

    /**
     * Fetch and verify source tarballs into every context (false: contexts get fetch-sources.sh instead). Set with
     * {@code <fetchSources>} or -Dfips.sources.fetch.
     */
    @Parameter(property = "fips.sources.fetch", defaultValue = "true")
    protected boolean fetchSources;

    /** Verified-tarball cache shared by all projects. */
    @Parameter(property = "fips.cacheDir", defaultValue = "${user.home}/.cache/python-fips/sources")
    protected File cacheDir;

    private static void ignoredWithoutMatrix(List<Problem> problems, String property, String value, String element) {
        if (value != null) {
            problems.add(new Problem("-D" + property + "=" + value, "overrides <matrix><" + element + ">, but this pom has no "
                    + "<matrix> (only <images>), so it would be ignored",
                    "set <" + element + "> in each <image>, or give -Dfips.pythons and -Dfips.distros as well to build a matrix"));
        }
    }

    /**
     * A fan-out job's platform (the "platform" of a line of target/fips/jobs.json): every selected cell built for it
     * is built, verified and pushed for that platform alone, the others are left out.
     */
    @Parameter(property = "fips.job.platform")
    protected String jobPlatform;

    /** Validates the configuration and expands the matrix; user mistakes become a MojoFailureException. */
    protected Plan plan() throws MojoFailureException {
        try {
            // mirrors are checked with everything else, whether sources are fetched now or by fetch-sources.sh later
            List<Problem> mirrorProblems = new ArrayList<>();
            sourceDateEpoch(mirrorProblems);
            try {
                SourceResolver.checkMirrors(mirrorEntries(), wording());
            } catch (FipsConfigException e) {
                mirrorProblems.addAll(e.problems());
            }
            Plan plan;
            try {
                plan = new MatrixPlanner(Catalog.builtIn(), LocalDate.now(), wording()).plan(spec());
            } catch (FipsConfigException e) {
                mirrorProblems.addAll(e.problems());
                throw new FipsConfigException(mirrorProblems);
            }
            if (!mirrorProblems.isEmpty()) {
                throw new FipsConfigException(mirrorProblems);
            }
            plan.warnings().forEach(w -> getLog().warn("python-fips: " + w));
            Plan selected = CellFilter.select(plan, cells, wording());
            if (selected != plan) {
                getLog().info("python-fips: fips.cells=" + cells + " selects " + selected.cells().size() + " of "
                        + plan.cells().size() + " cell(s)");
            }
            Plan job = CellFilter.onPlatform(selected, jobPlatform, wording());
            if (job != selected) {
                getLog().info("python-fips: fips.job.platform=" + jobPlatform.trim() + ": " + job.cells().size()
                        + " cell(s), each for that platform alone");
            }
            return job;
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** Generates every context into {@link #outputDirectory}. */
    protected Generator.Result generate(Plan plan) throws MojoFailureException, MojoExecutionException {
        getLog().info("python-fips: " + plan.cells().size() + " cell(s):");
        long sde = plan.options().sourceDateEpoch();
        getLog().info("python-fips: build date " + SourceDateEpoch.iso(sde) + " (SOURCE_DATE_EPOCH=" + sde + ", "
                + (sde == SourceDateEpoch.DEFAULT && (outputTimestamp == null || outputTimestamp.trim().length() < 2)
                ? "the default: project.build.outputTimestamp is not set)" : "from " + outputTimestampOrigin() + ")"));
        Generator.table(plan.cells()).forEach(line -> getLog().info("  " + line));
        SourceProvider provider = fetchSources
                ? new SourceResolver(mirrorList(), cacheDir.toPath(), proxy(), msg -> getLog().info("python-fips: " + msg),
                        session != null && session.isOffline(), wording())
                : SourceProvider.deferred(mirrorList());
        try {
            Generator.Result result = new Generator().generate(plan, outputDirectory.toPath(),
                    provider, msg -> getLog().info("python-fips: " + msg));
            if (!result.deferredSources().isEmpty()) {
                getLog().warn("python-fips: sources were not fetched (fips.sources.fetch=false); each context's "
                        + "fetch-sources.sh downloads and verifies them before docker build");
            }
            getLog().info("python-fips: wrote " + outputDirectory + File.separator + "matrix.json");
            return result;
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("python-fips: cannot write " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    FipsSpec spec() throws FipsConfigException {
        if (matrix == null && pythons == null && distros == null) {
            // these properties override <matrix> fields; without a matrix they would be silently ignored
            List<Problem> ignored = new ArrayList<>();
            ignoredWithoutMatrix(ignored, "fips.openssl", openssl, "openssl");
            ignoredWithoutMatrix(ignored, "fips.fipsProvider", fipsProvider, "fipsProvider");
            ignoredWithoutMatrix(ignored, "fips.platforms", platforms, "platforms");
            if (!ignored.isEmpty()) {
                throw new FipsConfigException(ignored);
            }
        }
        FipsSpec.MatrixSpec m = null;
        if (matrix != null || pythons != null || distros != null) {
            Matrix src = matrix == null ? new Matrix() : matrix;
            // a value given with -D is named as such in problems, not as the <matrix> element it overrides
            Map<String, String> origins = new LinkedHashMap<>();
            if (pythons != null) {
                origins.put("python", "-Dfips.pythons");
            }
            if (distros != null) {
                origins.put("distro", "-Dfips.distros");
            }
            if (openssl != null) {
                origins.put("openssl", "-Dfips.openssl=" + openssl);
            }
            if (fipsProvider != null) {
                origins.put("fipsProvider", "-Dfips.fipsProvider=" + fipsProvider);
            }
            if (platforms != null) {
                origins.put("platforms", "-Dfips.platforms=" + platforms);
            }
            m = new FipsSpec.MatrixSpec(pythons != null ? split(pythons) : src.pythons,
                    distros != null ? split(distros) : src.distros,
                    openssl != null ? openssl : src.openssl,
                    fipsProvider != null ? fipsProvider : src.fipsProvider,
                    platforms != null ? split(platforms) : src.platforms, origins);
        }
        List<FipsSpec.CellSpec> cells = new ArrayList<>();
        for (Image i : images) {
            cells.add(new FipsSpec.CellSpec(i.python, i.distro, i.openssl, i.fipsProvider, i.platforms, i.cryptography));
        }
        List<FipsSpec.ExcludeSpec> ex = new ArrayList<>();
        for (Exclude e : excludes) {
            ex.add(new FipsSpec.ExcludeSpec(e.python, e.distro, e.openssl, e.fipsProvider, e.platform));
        }
        List<FipsSpec.SourcePin> pins = new ArrayList<>();
        for (Source s : sources) {
            pins.add(new FipsSpec.SourcePin(s.component, s.version, s.sha256, s.file, s.url));
        }
        List<FipsSpec.CertificateSpec> certificates = new ArrayList<>();
        for (FipsCertificate c : fipsCertificates) {
            certificates.add(new FipsSpec.CertificateSpec(c.module, c.number, c.standard, c.sunset, c.url));
        }
        FipsSpec.Options options = FipsSpec.Options.builder().prefix(prefix).policy(policy).fipsInstall(fipsInstall)
                .allowUnvalidatedProvider(allowUnvalidatedProvider).cryptography(cryptography)
                .pipIndexUrl(pipIndexUrl).extraPackages(extraPackages).keepTests(keepTests).uid(uid)
                .builtinHashes(builtinHashes).optimizations(optimizations).sourceDateEpoch(sourceDateEpoch(null))
                .pip(pip).interpreterLinkage(interpreterLinkage).pgoTraining(pgoTraining).build();
        return new FipsSpec(m, cells, ex, imageName, baseImages, options, pins, labels, certificates);
    }

    /**
     * The build date from {@link #outputTimestamp} ({@link SourceDateEpoch}); an invalid value is added to
     * {@code problems} (when given) and null, the default, returned meanwhile so every other problem is found too.
     */
    Long sourceDateEpoch(List<Problem> problems) {
        try {
            return SourceDateEpoch.parse(outputTimestamp, outputTimestampOrigin());
        } catch (FipsConfigException e) {
            if (problems != null) {
                problems.addAll(e.problems());
            }
            return null;
        }
    }

    /** How the user set the build date, for problems and the log. */
    String outputTimestampOrigin() {
        java.util.Properties user = session == null ? new java.util.Properties() : session.getUserProperties();
        if (user.containsKey("fips.outputTimestamp")) {
            return "-Dfips.outputTimestamp";
        }
        if (user.containsKey("project.build.outputTimestamp")) {
            return "-Dproject.build.outputTimestamp";
        }
        String pom = project == null ? null : project.getProperties().getProperty("project.build.outputTimestamp");
        if (pom != null && pom.equals(outputTimestamp)) {
            return "<project.build.outputTimestamp>";
        }
        return "<outputTimestamp> (fips.outputTimestamp, default ${project.build.outputTimestamp})";
    }

    private List<String> mirrorEntries() {
        List<String> out = new ArrayList<>();
        for (String m : mirrors) {
            out.addAll(split(m));
        }
        return out;
    }

    private List<String> mirrorList() throws MojoFailureException {
        List<String> out = mirrorEntries();
        try {
            SourceResolver.checkMirrors(out, wording());
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        }
        return out;
    }

    private SourceResolver.ProxyConfig proxy() {
        if (settings == null) {
            return null;
        }
        for (Proxy p : settings.getProxies()) {
            if (p.isActive() && ("https".equalsIgnoreCase(p.getProtocol()) || "http".equalsIgnoreCase(p.getProtocol()))) {
                return new SourceResolver.ProxyConfig(p.getHost(), p.getPort(), p.getUsername(), p.getPassword(),
                        p.getNonProxyHosts());
            }
        }
        return null;
    }

}
