package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.DockerEngine;
import dev.pythonfips.maven.engine.RegistryClient;
import dev.pythonfips.model.BuildTime;
import dev.pythonfips.model.Cell;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.FloatingBase;
import dev.pythonfips.model.GeneratedMatrix;
import dev.pythonfips.model.Generator;
import dev.pythonfips.model.ImagesRecord;
import dev.pythonfips.model.Plan;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PlatformSupport;
import dev.pythonfips.model.Provenance;
import dev.pythonfips.model.Sbom;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import org.apache.maven.settings.crypto.SettingsDecrypter;

import org.codehaus.plexus.util.xml.Xpp3Dom;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * Generates every context, then builds each cell's image through the fabric8 docker-maven-plugin ({@code docker:build}),
 * one cell at a time with progress and a summary table; then runs {@code fips:verify} unless {@code fips.verify.skip}.
 * A fabric8 version and global configuration (dockerHost, authConfig, ...) declared in the user's pom are respected.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = false)
public class BuildMojo extends AbstractFabric8Mojo {

    /** Extra tags for every image (besides the tag of the image name). */
    @Parameter(property = "fips.build.tags")
    protected List<String> tags = new ArrayList<>();

    // fips:build ends with the conformance run, so it takes fips:verify's parameters too (declared again here because
    // fips:verify is a sibling, not a parent; PluginDescriptorTest checks that both declare them alike)
    /** Skip the conformance check (also skips it at the end of fips:build). */
    @Parameter(property = "fips.verify.skip", defaultValue = "false")
    protected boolean skipVerify;

    /** Where the JUnit XML files and index.html go. */
    @Parameter(property = "fips.reportDirectory", defaultValue = "${project.build.directory}/fips/report")
    protected File reportDirectory;

    /** Seconds one image's conformance run may take. */
    @Parameter(property = "fips.verify.timeout", defaultValue = "600")
    protected int verifyTimeout;

    /** Also run CPython's own tests under FIPS in each image (needs keepTests=true). */
    @Parameter(property = "fips.verify.cpythonTests", defaultValue = "false")
    protected boolean cpythonTests;

    /** The CPython test modules run with fips.verify.cpythonTests. */
    @Parameter(property = "fips.verify.cpythonTestModules", defaultValue = VerifyService.DEFAULT_CPYTHON_TEST_MODULES)
    protected String cpythonTestModules;

    /**
     * When an image recorded by fips:push is not in the engine: pull it explicitly by its recorded digest
     * ({@code repository@sha256:...}). Off by default: verify never pulls on its own.
     */
    @Parameter(property = "fips.verify.pullByDigest", defaultValue = "false")
    protected boolean pullByDigest;

    /**
     * Accept platforms that could not be checked here (no emulation for a foreign platform, or the engine holds no
     * image of that platform, e.g. the non-native half of a multi-platform cell): they are still reported as
     * NOT VERIFIED, never as passed, but do not fail the goal.
     */
    @Parameter(property = "fips.verify.allowUnverifiedPlatforms", defaultValue = "false")
    protected boolean allowUnverifiedPlatforms;

    /** The kernel's binfmt_misc directory, where qemu user emulation of foreign platforms is registered. */
    @Parameter(property = "fips.binfmtDirectory", defaultValue = "/proc/sys/fs/binfmt_misc")
    protected File binfmtDirectory;

    /** Seconds between the progress lines (stage, step, last script line) while a cell's image builds. */
    @Parameter(property = "fips.build.heartbeatSeconds", defaultValue = "60")
    protected int heartbeatSeconds;

    /** Per multi-platform cell: the base image pinned to each platform's manifest (decided before anything is built). */
    private final Map<String, Map<Platform, String>> basePins = new LinkedHashMap<>();

    @Inject
    public BuildMojo(BuildPluginManager pluginManager, SettingsDecrypter decrypter) {
        super(pluginManager, decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("build")) {
            return;
        }
        Plan plan = plan();
        VerifyService.Settings verifySettings = new VerifyService.Settings(reportDirectory, verifyTimeout, cpythonTests,
                cpythonTestModules, pullByDigest, allowUnverifiedPlatforms, binfmtDirectory);
        if (!skipVerify && !aliasTrue("fips.verify.skip")) {
            verifySettings.check(); // before anything is built: a wrong timeout is known now
        }
        if (cpythonTests && !keepTests && !skipVerify && !aliasTrue("fips.verify.skip")) {
            throw new MojoFailureException("python-fips: <cpythonTests> (fips.verify.cpythonTests) runs CPython's tests in the"
                    + " images, but <keepTests> (fips.keepTests) is false, so the images would have no test suite: set"
                    + " <keepTests>true</keepTests>, or drop <cpythonTests>; nothing was built");
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
            throw new MojoFailureException("python-fips: <heartbeatSeconds> (fips.build.heartbeatSeconds) is " + heartbeatSeconds
                    + ": give the seconds between progress lines, 1 to 3600 (default 60)");
        }
        engine = fabric8Engine();
        checkPlatforms(plan);
        Generator.Result generated = generate(plan);
        if (!generated.deferredSources().isEmpty()) {
            throw new MojoFailureException("python-fips: cannot build: sources were not fetched for "
                    + generated.deferredSources().keySet() + "; run without -Dfips.sources.fetch=false (or run each "
                    + "context's fetch-sources.sh first and use docker build directly)");
        }
        Plugin fabric8 = fabric8Plugin();
        MojoDescriptor descriptor = goal(fabric8, "build");
        ImagesRecord record = readRecord();
        List<String[]> summary = new ArrayList<>();
        int i = 0;
        boolean failed = false;
        for (Cell cell : plan.cells()) {
            i++;
            File context = new File(outputDirectory, cell.id());
            getLog().info(String.format(Locale.ROOT, "python-fips: [%d/%d] building %s -> %s (%s)", i, plan.cells().size(),
                    cell.id(), cell.image(), cell.platformList()));
            long start = System.nanoTime();
            String result = "built";
            String error = null;
            BuildProgress progress = new BuildProgress(cell.id(), System::nanoTime);
            boolean show = showOutput || Fabric8Images.showsBuildOutput(fabric8.getConfiguration());
            AutoCloseable heartbeat = progress.every(heartbeatSeconds, show, getLog()::info);
            try {
                for (Platform platform : cell.platforms()) {
                    Map<String, String> args = new LinkedHashMap<>(buildArgs);
                    if (cell.multiPlatform()) {
                        args.put(BasePins.BUILD_ARG, basePins.get(cell.id()).get(platform));
                        getLog().info("python-fips: " + cell.id() + ": building " + platform + " -> " + cell.platformImage(platform)
                                + " on " + args.get(BasePins.BUILD_ARG));
                    } else {
                        pullBaseFor(cell, platform);
                    }
                    // verbose with build always: fabric8 logs Docker's build stream only then; ProgressLog reads it and
                    // shows it only with showOutput (or the user's own fabric8 <verbose>)
                    Xpp3Dom conf = Fabric8Images.configuration(cell, platform, cell.platformImage(platform), context, network,
                            args, cell.multiPlatform() ? List.of() : tags, noCache, Fabric8Images.buildVerbose(fabric8.getConfiguration()));
                    execute(fabric8, descriptor, conf, log -> new ProgressLog(log, progress, show));
                }
            } catch (MojoExecutionException | MojoFailureException e) {
                result = "FAILED";
                failed = true;
                error = "fabric8 docker:build failed: " + e.getMessage();
                getLog().error("python-fips: " + cell.id() + " failed: " + e.getMessage()
                        + (show ? "" : " (re-run with -Dfips.build.showOutput=true to see every step)"));
                if (!show && !progress.tail().isEmpty()) {
                    getLog().error("python-fips: " + cell.id() + ": the last lines of its build:");
                    progress.tail().forEach(l -> getLog().error("  | " + l));
                }
            } finally {
                closeQuietly(heartbeat);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (recordBuild(record, cell, error, context, fabric8.getVersion()) == null) {
                result = "FAILED";
                failed = true;
            } else {
                BuildTime.record(record, cell.id(), seconds, java.time.Instant.now());
            }
            writeRecord(record);
            getLog().info(String.format(Locale.ROOT, "python-fips: [%d/%d] %s %s in %.0f s", i, plan.cells().size(), cell.id(), result, seconds));
            summary.add(new String[]{cell.id(), cell.image(), result, String.format(Locale.ROOT, "%.0f s", seconds),
                    result.equals("built") ? DockerEngine.humanSize(engine.imageSize(cell.image())) : "-"});
            if (failed) {
                break;
            }
        }
        printTable(new String[]{"CELL", "IMAGE", "RESULT", "TIME", "SIZE"}, summary);
        getLog().info("python-fips: recorded in " + recordFile());
        if (failed) {
            throw new MojoFailureException("python-fips: image build failed; see the log above");
        }
        if (skipVerify || aliasTrue("fips.verify.skip")) {
            getLog().info("python-fips: skipping fips:verify (fips.verify.skip=true)");
            return;
        }
        new VerifyService(engine, verifySettings, recordFile(), wording(), getLog())
                .verify(GeneratedMatrix.of(plan));
    }

    /**
     * Records in images.json what the build really produced: the image id, size and base image the engine reports
     * for the cell's image, or the failure. Returns null when nothing can be claimed.
     */
    private ImagesRecord.Entry recordBuild(ImagesRecord record, Cell cell, String error, File context, String fabric8Version) {
        if (error != null) {
            record.recordBuildFailed(cell.id(), cell.image(), error);
            return null;
        }
        try {
            List<ImagesRecord.PlatformImage> platformImages = new ArrayList<>();
            if (cell.multiPlatform()) {
                for (Platform p : cell.platforms()) {
                    String why = null;
                    java.util.Optional<String> pid = engine.inspect(cell.platformImage(p), "{{.Id}}");
                    String got = pid.isEmpty() ? null : engine.imagePlatform(pid.get());
                    if (pid.isEmpty()) {
                        why = "fabric8 reported success, but " + engine.name() + " has no image " + cell.platformImage(p);
                    } else if (!PlatformSupport.imageMatches(p, got)) {
                        why = "the engine built " + cell.platformImage(p) + " (" + pid.get() + ") for " + got + ", not for "
                                + p + "; it is not recorded as built";
                    }
                    if (why != null) {
                        getLog().error("python-fips: " + cell.id() + ": " + why);
                        record.recordBuildFailed(cell.id(), cell.image(), why);
                        return null;
                    }
                    String pin = basePins.get(cell.id()).get(p);
                    ImagesRecord.BaseImage pb = new ImagesRecord.BaseImage(pin, engine.inspect(pin, "{{.Id}}").orElse(null),
                            pin.substring(pin.indexOf('@') + 1));
                    long psize = Long.parseLong(engine.inspect(pid.get(), "{{.Size}}").orElse("-1"));
                    platformImages.add(new ImagesRecord.PlatformImage(p.toString(), cell.platformImage(p), pid.get(),
                            psize < 0 ? null : psize, pb));
                    getLog().info("python-fips: " + cell.id() + ": " + cell.platformImage(p) + " is " + pid.get()
                            + ", image config says " + got + " (asked " + p + ")");
                }
                // the cell's own name (and the extra tags) point at its first platform's image
                for (String ref : cellReferences(cell)) {
                    ContainerEngine.Result r = engine.cli(List.of("tag", platformImages.get(0).imageId(), ref), 60);
                    if (r.exitCode() != 0) {
                        throw new IOException("docker tag " + platformImages.get(0).imageId() + " " + ref + " failed: " + r.stderr().trim());
                    }
                }
            }
            java.util.Optional<String> id = engine.inspect(cell.image(), "{{.Id}}");
            if (id.isEmpty()) {
                String why = "fabric8 reported success, but " + engine.name() + " has no image " + cell.image();
                getLog().error("python-fips: " + cell.id() + ": " + why);
                record.recordBuildFailed(cell.id(), cell.image(), why);
                return null;
            }
            if (!cell.multiPlatform()) {
                Platform asked = cell.platforms().get(0);
                String got = engine.imagePlatform(id.get());
                if (!PlatformSupport.imageMatches(asked, got)) {
                    String why = "the engine built " + cell.image() + " (" + id.get() + ") for " + got + ", not for the asked "
                            + asked + "; it is not recorded as built (an engine older than API 1.32, or one that ignores the"
                            + " build's platform option, builds for its own platform: build this cell on a " + asked + " engine)";
                    getLog().error("python-fips: " + cell.id() + ": " + why);
                    record.recordBuildFailed(cell.id(), cell.image(), why);
                    return null;
                }
                getLog().info("python-fips: " + cell.id() + ": image config says " + got + " (asked " + asked + ")");
            }
            long size = Long.parseLong(engine.inspect(id.get(), "{{.Size}}").orElse("-1"));
            ImagesRecord.BaseImage base = null;
            java.util.Optional<String> baseId = cell.multiPlatform() ? java.util.Optional.empty()
                    : engine.inspect(cell.baseImage(), "{{.Id}}");
            if (cell.multiPlatform()) {
                base = platformImages.get(0).baseImage();
            } else if (baseId.isPresent()) {
                String digests = engine.inspect(cell.baseImage(), "{{range .RepoDigests}}{{println .}}{{end}}").orElse("");
                String digest = digests.lines().map(String::trim).filter(l -> l.contains("@sha256:")).findFirst()
                        .map(l -> l.substring(l.indexOf('@') + 1)).orElse(null);
                base = new ImagesRecord.BaseImage(cell.baseImage(), baseId.get(), digest);
            }
            List<String> refs = cellReferences(cell);
            ImagesRecord.Entry built = record.recordBuilt(cell.id(), cell.image(), id.get(),
                    cell.platforms().stream().map(Object::toString).toList(), size < 0 ? null : size, base, refs, platformImages);
            warnFloatingBase(cell, base);
            // how it was built, for the provenance fips:sbom writes later: builder versions and the context as built
            try {
                Provenance.BuildFacts facts = new Provenance.BuildFacts(pluginVersion(), fabric8Version, engine.version(),
                        Digests.tree(context.toPath(), Sbom.FILE, Provenance.FILE));
                return record.attach(cell.id(), Provenance.BUILD_KEY, facts.toJson());
            } catch (IOException e) {
                getLog().warn("python-fips: " + cell.id() + ": built, but the build facts for its provenance could not be recorded ("
                        + e.getMessage() + "); fips:sbom will refuse to write its provenance");
                return built;
            }
        } catch (IOException | RuntimeException e) {
            getLog().error("python-fips: " + cell.id() + ": cannot inspect the built image: " + e.getMessage());
            record.recordBuildFailed(cell.id(), cell.image(), "cannot inspect the built image: " + e.getMessage());
            return null;
        }
    }

    /**
     * A single-platform cell whose base image the engine does not hold yet: pull it for the cell's platform first.
     * fabric8 would pull the FROM image for the engine's own platform (seen with a manifest-list base and an arm64
     * cell: it pulled amd64, and the classic build then ran on that), and the build would not be for the asked platform.
     */
    private void pullBaseFor(Cell cell, Platform platform) {
        try {
            if (engine.inspect(cell.baseImage(), "{{.Id}}").isPresent()) {
                return; // held locally: the pre-flight already checked that it is this platform's
            }
            getLog().info("python-fips: " + cell.id() + ": pulling base image " + cell.baseImage() + " for " + platform);
            ContainerEngine.Result r = engine.cli(List.of("pull", "--platform", platform.toString(), cell.baseImage()), 1800);
            if (r.exitCode() != 0) {
                getLog().warn("python-fips: " + cell.id() + ": docker pull --platform " + platform + " " + cell.baseImage()
                        + " failed (" + r.stderr().trim() + "); leaving the pull to fabric8, the image's platform is checked after the build");
            }
        } catch (IOException e) {
            getLog().warn("python-fips: " + cell.id() + ": cannot pull base image " + cell.baseImage() + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // a timer that does not stop is harmless: its thread is a daemon
        }
    }

    /** The cell's image name and its extra tags (fips.build.tags). */
    private List<String> cellReferences(Cell cell) {
        List<String> refs = new ArrayList<>(List.of(cell.image()));
        String repo = cell.image().substring(0, cell.image().lastIndexOf(':'));
        tags.forEach(t -> refs.add(repo + ":" + t));
        return refs;
    }

    /** Release builds (a version without -SNAPSHOT) warn on a base image without a digest, naming the digest used. */
    private void warnFloatingBase(Cell cell, ImagesRecord.BaseImage base) {
        boolean release = project != null && project.getVersion() != null && !project.getVersion().endsWith("-SNAPSHOT");
        FloatingBase.warning(cell.id(), cell.baseImage(), base == null ? null : base.digest()).ifPresent(w -> {
            if (release) {
                getLog().warn("python-fips: release build: " + w);
            } else {
                getLog().debug("python-fips: " + w);
            }
        });
    }

    /**
     * Before anything is generated or built: every platform of every cell must be buildable on this engine (its own
     * platform, or one with qemu emulation registered); all refusals are reported together with the fix.
     */
    private void checkPlatforms(Plan plan) throws MojoFailureException {
        Platform nativePlatform;
        try {
            nativePlatform = Platform.parse(engine.platform().toString());
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage() + VerifyService.ENGINE_FIX);
        }
        if (!engine.local()
                && plan.cells().stream().flatMap(c -> c.platforms().stream()).anyMatch(p -> !PlatformSupport.isNative(p, nativePlatform))) {
            getLog().warn("python-fips: the engine " + engine.name() + " is remote: its emulation cannot be checked"
                    + " here; each image's platform is checked after its build");
        }
        List<String> refusals = new ArrayList<>(engine.local()
                ? PlatformSupport.refusals(plan.cells(), nativePlatform, binfmtDirectory.toPath()) : List.of());
        basePins.clear();
        BasePins pinner = new BasePins(new RegistryClient(), this::credentials);
        for (Cell cell : plan.cells()) {
            if (cell.multiPlatform()) {
                BasePins.Result pinned = pinner.pin(cell);
                refusals.addAll(pinned.problems());
                basePins.put(cell.id(), pinned.pins());
            } else {
                try {
                    String base = engine.inspect(cell.baseImage(), "{{.Id}}").isPresent()
                            ? engine.imagePlatform(cell.baseImage()) : null;
                    PlatformSupport.baseImageProblem(cell, base).ifPresent(refusals::add);
                } catch (IOException e) {
                    refusals.add(cell.id() + ": cannot inspect the base image " + cell.baseImage() + ": " + e.getMessage());
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new MojoFailureException("python-fips: " + refusals.size() + " platform problem(s) on this "
                    + nativePlatform + " engine, nothing was generated or built:\n  - " + String.join("\n  - ", refusals)
                    + "\n(or drop those platforms: <platforms> / -Dfips.platforms / <excludes>)");
        }
    }
}
