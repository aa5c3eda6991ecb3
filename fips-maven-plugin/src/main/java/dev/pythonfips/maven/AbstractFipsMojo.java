package dev.pythonfips.maven;

import dev.pythonfips.model.Catalog;
import dev.pythonfips.model.CellFilter;
import dev.pythonfips.model.ImagesRecord;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.FipsSpec;
import dev.pythonfips.model.Generator;
import dev.pythonfips.model.MatrixPlanner;
import dev.pythonfips.model.Plan;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.SourceProvider;
import dev.pythonfips.model.SourceResolver;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pom configuration shared by every goal, and the one path from it to generated contexts. Mojos stay thin:
 * they map parameters to {@link FipsSpec} and report; everything else lives in fips-model.
 */
public abstract class AbstractFipsMojo extends AbstractMojo {

    /** The matrix: every python × distro with one OpenSSL library and FIPS module. */
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

    /** Extra explicit cells. */
    @Parameter
    protected List<Image> images = new ArrayList<>();

    /** Cells (or single platforms) to drop from the result. */
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

    /** CMVP certificates of OpenSSL 3 FIPS provider versions the catalog does not record (module, number, standard, sunset, url). */
    @Parameter
    protected List<FipsCertificate> fipsCertificates = new ArrayList<>();

    /** build: fipsinstall runs while building the runtime image; startup: the entrypoint runs it on first start. */
    @Parameter(property = "fips.fipsInstall", defaultValue = "build")
    protected String fipsInstall;

    /** Accept a FIPS provider version with no CMVP certificate (the image is labelled unvalidated). */
    @Parameter(property = "fips.allowUnvalidatedProvider", defaultValue = "false")
    protected boolean allowUnvalidatedProvider;

    /** pyca/cryptography version to build from source against our OpenSSL; empty: not installed. */
    @Parameter(property = "fips.cryptography", defaultValue = "")
    protected String cryptography;

    /** Package index (or file:// wheelhouse) for cryptography and its build dependencies. */
    @Parameter(property = "fips.pipIndexUrl", defaultValue = "")
    protected String pipIndexUrl;

    /** Distro packages added to the runtime image. */
    @Parameter(property = "fips.extraPackages")
    protected List<String> extraPackages = new ArrayList<>();

    /** Keep CPython's own test suite in the image (to run test_hashlib etc. under FIPS). */
    @Parameter(property = "fips.keepTests", defaultValue = "false")
    protected boolean keepTests;

    /**
     * CPython build optimisation: pgo-lto (--enable-optimizations --with-lto, what a release needs), pgo, lto, or
     * none (fastest build, slowest interpreter; for CI smoke builds).
     */
    @Parameter(property = "fips.optimizations", defaultValue = "pgo-lto")
    protected String optimizations;

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

    /** Pins for tarballs the release catalog does not know. */
    @Parameter
    protected List<Source> sources = new ArrayList<>();

    /** Ordered source mirrors: upstream, file:/dir, or http(s) base URLs (comma-separated with -D). */
    @Parameter(property = "fips.mirrors", defaultValue = "upstream")
    protected List<String> mirrors = new ArrayList<>(List.of("upstream"));

    /** Fetch and verify source tarballs into every context (false: contexts get fetch-sources.sh instead). */
    @Parameter(property = "fips.sources.fetch", defaultValue = "true")
    protected boolean fetchSources;

    /** Verified-tarball cache shared by all projects. */
    @Parameter(property = "fips.cacheDir", defaultValue = "${user.home}/.cache/python-fips/sources")
    protected File cacheDir;

    /** Where contexts and matrix.json are written. */
    @Parameter(property = "fips.outputDirectory", defaultValue = "${project.build.directory}/fips")
    protected File outputDirectory;

    /** Skip every python-fips goal. */
    @Parameter(property = "fips.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Only these cells (ids or globs with * and ?, comma-separated), for every goal: e.g. -Dfips.cells=3.12.3-* in one
     * CI job per cell of target/fips/matrix.json. A pattern that matches nothing fails.
     */
    @Parameter(property = "fips.cells")
    protected String cells;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected org.apache.maven.plugin.descriptor.PluginDescriptor pluginDescriptor;

    /** This plugin's version, as Maven resolved it. */
    protected String pluginVersion() {
        return pluginDescriptor == null ? "unknown" : pluginDescriptor.getVersion();
    }

    /**
     * The images.json entries of every selected cell, each built (status built or pushed) and present in the engine
     * by its recorded image id; otherwise every problem at once, naming the cell, and nothing is done.
     */
    protected List<ImagesRecord.Entry> requireBuilt(String goal, Plan plan, ImagesRecord record) throws MojoFailureException, MojoExecutionException {
        List<dev.pythonfips.model.Problem> problems = new ArrayList<>();
        List<ImagesRecord.Entry> out = new ArrayList<>();
        for (dev.pythonfips.model.Cell cell : plan.cells()) {
            java.util.Optional<ImagesRecord.Entry> e = record.cell(cell.id());
            if (e.isEmpty() || !e.get().hasImage()) {
                problems.add(new dev.pythonfips.model.Problem("cell " + cell.id(), "was not built (" + recordFile() + ": "
                        + e.map(x -> "status " + x.status()).orElse("no entry") + ")",
                        "run fips:build (or mvn package) first, or leave the cell out with -Dfips.cells"));
                continue;
            }
            try {
                if (DockerCli.inspect(e.get().imageId(), "{{.Id}}").isEmpty()) {
                    problems.add(new dev.pythonfips.model.Problem("cell " + cell.id(), "its recorded image " + e.get().imageId()
                            + " is not in the engine " + DockerCli.engine(), "run fips:build again on this engine (the same dockerHost / DOCKER_HOST)"));
                    continue;
                }
            } catch (IOException ex) {
                throw new MojoExecutionException("python-fips: " + ex.getMessage(), ex);
            }
            out.add(e.get());
        }
        if (!problems.isEmpty()) {
            StringBuilder m = new StringBuilder("python-fips: fips:" + goal + ": nothing was written or attached:");
            problems.forEach(p -> m.append("\n  - ").append(p));
            throw new MojoFailureException(m.toString());
        }
        return out;
    }

    protected boolean skipped(String goal) {
        if (skip) {
            getLog().info("python-fips: skipping fips:" + goal + " (fips.skip=true)");
        }
        return skip;
    }

    /** {@link #skipped(String)}, or the goal's own skip flag ({@code property}) set. */
    protected boolean skipped(String goal, boolean goalSkip, String property) {
        if (skipped(goal)) {
            return true;
        }
        if (goalSkip) {
            getLog().info("python-fips: skipping fips:" + goal + " (" + property + "=true)");
        }
        return goalSkip;
    }

    private static void ignoredWithoutMatrix(List<Problem> problems, String property, String value, String element) {
        if (value != null) {
            problems.add(new Problem("-D" + property + "=" + value, "overrides <matrix><" + element + ">, but this pom has no "
                    + "<matrix> (only <images>), so it would be ignored",
                    "set <" + element + "> in each <image>, or give -Dfips.pythons and -Dfips.distros as well to build a matrix"));
        }
    }

    /** Validates the configuration and expands the matrix; user mistakes become a MojoFailureException. */
    protected Plan plan() throws MojoFailureException {
        try {
            // mirrors are checked with everything else, whether sources are fetched now or by fetch-sources.sh later
            List<Problem> mirrorProblems = new ArrayList<>();
            sourceDateEpoch(mirrorProblems);
            try {
                SourceResolver.checkMirrors(mirrorEntries());
            } catch (FipsConfigException e) {
                mirrorProblems.addAll(e.problems());
            }
            Plan plan;
            try {
                plan = new MatrixPlanner(Catalog.builtIn(), LocalDate.now()).plan(spec());
            } catch (FipsConfigException e) {
                mirrorProblems.addAll(e.problems());
                throw new FipsConfigException(mirrorProblems);
            }
            if (!mirrorProblems.isEmpty()) {
                throw new FipsConfigException(mirrorProblems);
            }
            plan.warnings().forEach(w -> getLog().warn("python-fips: " + w));
            Plan selected = CellFilter.select(plan, cells);
            if (selected != plan) {
                getLog().info("python-fips: fips.cells=" + cells + " selects " + selected.cells().size() + " of "
                        + plan.cells().size() + " cell(s)");
            }
            return selected;
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
                        session != null && session.isOffline())
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
            cells.add(new FipsSpec.CellSpec(i.python, i.distro, i.openssl, i.fipsProvider, i.platforms));
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
        FipsSpec.Options options = new FipsSpec.Options(prefix, policy, fipsInstall, allowUnvalidatedProvider,
                cryptography, pipIndexUrl, extraPackages, keepTests, uid, null, builtinHashes, optimizations,
                sourceDateEpoch(null));
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
            SourceResolver.checkMirrors(out);
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

    /** target/fips/images.json: what fips:build and fips:push really did. */
    protected java.nio.file.Path recordFile() {
        return outputDirectory.toPath().resolve(ImagesRecord.FILE);
    }

    protected ImagesRecord readRecord() throws MojoFailureException {
        try {
            return ImagesRecord.read(recordFile());
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage());
        }
    }

    protected void writeRecord(ImagesRecord record) throws MojoExecutionException {
        try {
            record.write(recordFile());
        } catch (IOException e) {
            throw new MojoExecutionException("python-fips: cannot write " + recordFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the docker CLI talk to the engine fabric8 uses: fabric8's {@code <dockerHost>} declared in the pom, else
     * the {@code docker.host} property, else DOCKER_HOST (inherited), else the CLI's default.
     */
    protected void useFabric8Engine() {
        String host = null;
        Plugin declared = project == null ? null : project.getPlugin("io.fabric8:docker-maven-plugin");
        if (declared != null && declared.getConfiguration() instanceof Xpp3Dom conf && conf.getChild("dockerHost") != null) {
            host = conf.getChild("dockerHost").getValue();
        }
        if (host == null || host.isBlank()) {
            host = session == null ? null : session.getUserProperties().getProperty("docker.host");
        }
        if ((host == null || host.isBlank()) && project != null) {
            host = project.getProperties().getProperty("docker.host");
        }
        DockerCli.useEngine(host);
        getLog().debug("python-fips: docker engine " + DockerCli.engine());
    }

    static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    protected void printTable(String[] head, List<String[]> rows) {
        dev.pythonfips.model.TextTable.format(head, rows).forEach(line -> getLog().info("  " + line));
    }
}
