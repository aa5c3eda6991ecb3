package dev.pythonfips.maven;

import dev.pythonfips.model.BuildTime;
import dev.pythonfips.model.Cell;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.FloatingBase;
import dev.pythonfips.model.Provenance;
import dev.pythonfips.model.Sbom;
import dev.pythonfips.model.Generator;
import dev.pythonfips.model.ImagesRecord;
import dev.pythonfips.model.Plan;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PlatformSupport;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Generates every context, then builds each cell's image through the fabric8 docker-maven-plugin ({@code docker:build}),
 * one cell at a time with progress and a summary table; then runs {@code fips:verify} unless {@code fips.verify.skip}.
 * A fabric8 version and global configuration (dockerHost, authConfig, ...) declared in the user's pom are respected.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = false)
public class BuildMojo extends VerifyMojo {

    static final String FABRIC8 = "io.fabric8:docker-maven-plugin";

    /** fabric8 docker-maven-plugin version used when the pom does not declare one. */
    @Parameter(property = "fips.dockerMavenPlugin.version", defaultValue = "0.48.0")
    protected String dockerMavenPluginVersion;

    /** Network mode for RUN steps (e.g. host); empty: the engine's default. */
    @Parameter(property = "fips.build.network", defaultValue = "")
    protected String network;

    /** Extra docker build args. */
    @Parameter
    protected Map<String, String> buildArgs = new LinkedHashMap<>();

    /** Extra tags for every image (besides the tag of the image name). */
    @Parameter(property = "fips.build.tags")
    protected List<String> tags = new ArrayList<>();

    /** Build without the layer cache. */
    @Parameter(property = "fips.build.noCache", defaultValue = "false")
    protected boolean noCache;

    /** Show every Dockerfile step's output (fabric8 verbose=build). */
    @Parameter(property = "fips.build.showOutput", defaultValue = "false")
    protected boolean showOutput;

    /** Seconds between the progress lines (stage, step, last script line) while a cell's image builds. */
    @Parameter(property = "fips.build.heartbeatSeconds", defaultValue = "60")
    protected int heartbeatSeconds;

    private final BuildPluginManager pluginManager;

    /** Runs fabric8 with a Log of ours, to read its build stream (see {@link MojoWithLog}). */
    @Inject
    private MavenPluginManager mavenPluginManager;

    @Inject
    public BuildMojo(BuildPluginManager pluginManager) {
        this.pluginManager = pluginManager;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("build")) {
            return;
        }
        Plan plan = plan();
        useFabric8Engine();
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
                // verbose with build always: fabric8 logs Docker's build stream only then; ProgressLog reads it and
                // shows it only with showOutput (or the user's own fabric8 <verbose>)
                Xpp3Dom conf = Fabric8Images.configuration(cell, context, network, buildArgs, tags, noCache,
                        Fabric8Images.buildVerbose(fabric8.getConfiguration()));
                execute(fabric8, descriptor, conf, log -> new ProgressLog(log, progress, show));
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
                    result.equals("built") ? DockerCli.humanSize(DockerCli.imageSize(cell.image())) : "-"});
            if (failed) {
                break;
            }
        }
        printTable(new String[]{"CELL", "IMAGE", "RESULT", "TIME", "SIZE"}, summary);
        getLog().info("python-fips: recorded in " + recordFile());
        if (failed) {
            throw new MojoFailureException("python-fips: image build failed; see the log above");
        }
        if (skipVerify) {
            getLog().info("python-fips: skipping fips:verify (fips.verify.skip=true)");
            return;
        }
        verify(plan);
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
            java.util.Optional<String> id = DockerCli.inspect(cell.image(), "{{.Id}}");
            if (id.isEmpty()) {
                String why = "fabric8 reported success, but " + DockerCli.engine() + " has no image " + cell.image()
                        + (cell.platforms().size() > 1 ? " (a multi-platform buildx build without the native platform"
                        + " loads nothing locally; such cells are published by fips:push)" : "");
                getLog().error("python-fips: " + cell.id() + ": " + why);
                record.recordBuildFailed(cell.id(), cell.image(), why);
                return null;
            }
            if (cell.platforms().size() == 1) {
                Platform asked = cell.platforms().get(0);
                String got = DockerCli.imagePlatform(id.get());
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
            long size = Long.parseLong(DockerCli.inspect(id.get(), "{{.Size}}").orElse("-1"));
            ImagesRecord.BaseImage base = null;
            java.util.Optional<String> baseId = DockerCli.inspect(cell.baseImage(), "{{.Id}}");
            if (baseId.isPresent()) {
                String digests = DockerCli.inspect(cell.baseImage(), "{{range .RepoDigests}}{{println .}}{{end}}").orElse("");
                String digest = digests.lines().map(String::trim).filter(l -> l.contains("@sha256:")).findFirst()
                        .map(l -> l.substring(l.indexOf('@') + 1)).orElse(null);
                base = new ImagesRecord.BaseImage(cell.baseImage(), baseId.get(), digest);
            }
            List<String> refs = new ArrayList<>(List.of(cell.image()));
            String repo = cell.image().substring(0, cell.image().lastIndexOf(':'));
            tags.forEach(t -> refs.add(repo + ":" + t));
            ImagesRecord.Entry built = record.recordBuilt(cell.id(), cell.image(), id.get(),
                    cell.platforms().stream().map(Object::toString).toList(), size < 0 ? null : size, base, refs);
            warnFloatingBase(cell, base);
            // how it was built, for the provenance fips:sbom writes later: builder versions and the context as built
            try {
                Provenance.BuildFacts facts = new Provenance.BuildFacts(pluginVersion(), fabric8Version, DockerCli.engineVersion(),
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
            nativePlatform = Platform.parse(DockerCli.enginePlatform());
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage() + "; start the engine (scripts/e2e/ensure-docker.sh)"
                    + " or point fabric8's <dockerHost> / DOCKER_HOST at one");
        }
        if (!DockerCli.engineIsLocal()
                && plan.cells().stream().flatMap(c -> c.platforms().stream()).anyMatch(p -> !PlatformSupport.isNative(p, nativePlatform))) {
            getLog().warn("python-fips: the engine " + DockerCli.engine() + " is remote: its emulation cannot be checked"
                    + " here; each image's platform is checked after its build");
        }
        List<String> refusals = new ArrayList<>(DockerCli.engineIsLocal()
                ? PlatformSupport.refusals(plan.cells(), nativePlatform, binfmtDirectory.toPath()) : List.of());
        for (Cell cell : plan.cells()) {
            if (cell.platforms().size() == 1) {
                try {
                    String base = DockerCli.inspect(cell.baseImage(), "{{.Id}}").isPresent()
                            ? DockerCli.imagePlatform(cell.baseImage()) : null;
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

    Plugin fabric8Plugin() {
        Plugin declared = project.getPlugin(FABRIC8);
        Plugin p = new Plugin();
        p.setGroupId("io.fabric8");
        p.setArtifactId("docker-maven-plugin");
        p.setVersion(declared != null && declared.getVersion() != null ? declared.getVersion() : dockerMavenPluginVersion);
        if (declared != null) {
            p.setDependencies(declared.getDependencies());
            p.setConfiguration(declared.getConfiguration());
        }
        return p;
    }

    MojoDescriptor goal(Plugin plugin, String goal) throws MojoExecutionException {
        try {
            PluginDescriptor pd = pluginManager.loadPlugin(plugin, project.getRemotePluginRepositories(),
                    session.getRepositorySession());
            MojoDescriptor md = pd.getMojo(goal);
            if (md == null) {
                throw new MojoExecutionException("python-fips: " + FABRIC8 + ":" + plugin.getVersion() + " has no " + goal + " goal");
            }
            return md;
        } catch (MojoExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException("python-fips: cannot load " + FABRIC8 + ":" + plugin.getVersion()
                    + " (set -Dfips.dockerMavenPlugin.version or declare the plugin in your pom): " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // a timer that does not stop is harmless: its thread is a daemon
        }
    }

    void execute(Plugin plugin, MojoDescriptor md, Xpp3Dom ours) throws MojoExecutionException, MojoFailureException {
        execute(plugin, md, ours, null);
    }

    /** Runs fabric8's goal with our configuration merged over the user's; {@code wrapLog}, when set, wraps its Log. */
    void execute(Plugin plugin, MojoDescriptor md, Xpp3Dom ours, UnaryOperator<Log> wrapLog)
            throws MojoExecutionException, MojoFailureException {
        Xpp3Dom conf = ours;
        if (plugin.getConfiguration() instanceof Xpp3Dom userGlobal) {
            // the user's global fabric8 settings (dockerHost, authConfig, verbose, ...) apply; our <images> win
            Xpp3Dom global = new Xpp3Dom(userGlobal);
            Xpp3Dom images = global.getChild("images");
            if (images != null) {
                for (int k = 0; k < global.getChildCount(); k++) {
                    if (global.getChild(k) == images) {
                        global.removeChild(k);
                        break;
                    }
                }
            }
            conf = Xpp3Dom.mergeXpp3Dom(ours, global);
        }
        conf = Xpp3Dom.mergeXpp3Dom(conf, toDom(md.getMojoConfiguration()));
        Xpp3Dom filtered = new Xpp3Dom("configuration");
        for (Xpp3Dom c : conf.getChildren()) {
            if (md.getParameterMap().containsKey(c.getName())) {
                filtered.addChild(c);
            }
        }
        MojoExecution exec = new MojoExecution(md, filtered);
        if (wrapLog != null) {
            MojoWithLog.execute(pluginManager, mavenPluginManager, session, exec, wrapLog);
            return;
        }
        try {
            pluginManager.executeMojo(session, exec);
        } catch (MojoFailureException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private static Xpp3Dom toDom(org.codehaus.plexus.configuration.PlexusConfiguration config) {
        Xpp3Dom dom = new Xpp3Dom(config.getName());
        dom.setValue(config.getValue(null));
        for (String attr : config.getAttributeNames()) {
            dom.setAttribute(attr, config.getAttribute(attr, null));
        }
        for (org.codehaus.plexus.configuration.PlexusConfiguration child : config.getChildren()) {
            dom.addChild(toDom(child));
        }
        return dom;
    }
}
