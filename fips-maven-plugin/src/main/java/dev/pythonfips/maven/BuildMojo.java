package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.RegistryClient;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.PlatformSupport;
import dev.pythonfips.model.render.GeneratedMatrix;
import dev.pythonfips.model.render.Generator;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import org.apache.maven.settings.crypto.SettingsDecrypter;


import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generates every context, then builds each cell's image through the fabric8 docker-maven-plugin ({@code docker:build}),
 * one cell at a time with progress and a summary table; then runs {@code fips:verify} unless {@code fips.verify.skip}, or
 * unless the pom binds fips:verify to a phase this build reaches (it verifies there, once).
 * A fabric8 version and global configuration (dockerHost, authConfig, ...) declared in the user's pom are respected.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = false)
public class BuildMojo extends AbstractFabric8Mojo {

    /** Extra tags for every image (besides the tag of the image name). */
    @Parameter(property = "fips.build.tags")
    protected List<String> tags = new ArrayList<>();

    // fips:build ends with the conformance run, so it takes fips:verify's parameters too (declared again here because
    // fips:verify is a sibling, not a parent; PluginDescriptorTest checks that both declare them alike)
    /**
     * Skip the conformance check (also skips it at the end of fips:build, which leaves it out by itself when the pom
     * binds fips:verify to a phase this build reaches, so the images are verified once).
     */
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
        Optional<LaterVerify.Execution> later = laterVerify();
        boolean verifyHere = !skipVerify && !aliasTrue("fips.verify.skip") && later.isEmpty();
        VerifyService.Settings verifySettings = new VerifyService.Settings(reportDirectory, verifyTimeout, cpythonTests,
                cpythonTestModules, pullByDigest, allowUnverifiedPlatforms, binfmtDirectory);
        if (verifyHere) {
            verifySettings.check(wording()); // before anything is built: a wrong timeout is known now
        }
        if (cpythonTests && !keepTests && !skipVerify && !aliasTrue("fips.verify.skip")) {
            MavenWording w = wording();
            throw new MojoFailureException("python-fips: " + w.setting("cpythonTests") + " runs CPython's tests in the"
                    + " images, but " + w.setting("keepTests") + " is false, so the images would have no test suite: set "
                    + w.suggest("keepTests", "true") + ", or drop " + w.element("cpythonTests") + "; nothing was built");
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
            throw new MojoFailureException("python-fips: " + wording().setting("heartbeatSeconds") + " is " + heartbeatSeconds
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
        boolean show = showOutput || Fabric8Images.showsBuildOutput(fabric8.getConfiguration());
        // verbose with build always: fabric8 logs Docker's build stream only then; ProgressLog reads it and shows it
        // only with showOutput (or the user's own fabric8 <verbose>)
        BuildService.Builder builder = (cell, platform, reference, extraArgs, extraTags, progress) -> {
            Map<String, String> args = new LinkedHashMap<>(buildArgs);
            args.putAll(extraArgs);
            execute(fabric8, descriptor, Fabric8Images.configuration(cell, platform, reference, new File(outputDirectory, cell.id()),
                    network, args, extraTags, noCache, Fabric8Images.buildVerbose(fabric8.getConfiguration())),
                    log -> new ProgressLog(log, progress, show));
        };
        boolean release = project != null && project.getVersion() != null && !project.getVersion().endsWith("-SNAPSHOT");
        BuildService.Settings settings = new BuildService.Settings(outputDirectory, tags, heartbeatSeconds, show, release,
                pluginVersion(), fabric8.getVersion());
        BuildService.Outcome outcome = new BuildService(engine, builder, settings, getLog())
                .build(plan.cells(), basePins, readRecord(), this::writeRecord);
        printTable(new String[]{"CELL", "IMAGE", "RESULT", "TIME", "SIZE"}, outcome.rows());
        getLog().info("python-fips: recorded in " + recordFile());
        if (outcome.failed()) {
            throw new MojoFailureException("python-fips: image build failed; see the log above");
        }
        if (skipVerify || aliasTrue("fips.verify.skip")) {
            getLog().info("python-fips: skipping fips:verify (fips.verify.skip=true)");
            return;
        }
        if (later.isPresent()) {
            getLog().info("python-fips: not verifying here: fips:verify (execution '" + later.get().id() + "') runs in the "
                    + (later.get().phase() == null ? "verify" : later.get().phase()) + " phase of this build");
            return;
        }
        new VerifyService(engine, verifySettings, recordFile(), wording(), getLog())
                .verify(GeneratedMatrix.of(plan));
    }

    /** This project's fips:verify execution that the requested lifecycle phase reaches after this build, if any. */
    private Optional<LaterVerify.Execution> laterVerify() {
        if (project == null || session == null || mojoExecution == null) {
            return Optional.empty();
        }
        org.apache.maven.model.Plugin self = project.getBuild().getPluginsAsMap()
                .get(mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey());
        if (self == null) {
            return Optional.empty();
        }
        List<LaterVerify.Execution> executions = self.getExecutions().stream()
                .map(e -> new LaterVerify.Execution(e.getId(), e.getPhase(), e.getGoals())).toList();
        return LaterVerify.of(session.getGoals(), executions);
    }

    /**
     * Before anything is generated or built: every platform of every cell must be buildable on this engine (its own
     * platform, or one with qemu emulation registered); all refusals are reported together with the fix.
     */
    private void checkPlatforms(Plan plan) throws MojoFailureException {
        Platform nativePlatform;
        try {
            nativePlatform = engine.platform();
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
                    String base = engine.imageId(cell.baseImage()).isPresent()
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
