package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.DockerEngine;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ImagesRecord;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every goal has: where {@code target/fips} is, {@code fips.skip}, {@code fips.cells}, the images.json record and
 * the engine fabric8 uses. Goals that plan from the pom's matrix extend {@link AbstractPlanningMojo}; fips:verify
 * extends this class only and works from the generated {@code matrix.json}, so its help lists no matrix, source or
 * build parameter. Mojos stay thin: they map parameters to the model and report; everything else lives in fips-model
 * (or, for the conformance run shared by fips:build and fips:verify, in {@link VerifyService}).
 */
public abstract class AbstractFipsMojo extends AbstractMojo {

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

    /** How this plugin's configuration is written, for the model's problems and fixes. */
    /** How messages name settings: the way the user gave each one (the pom's element, or the -D property). */
    MavenWording wording() {
        MavenWording w = MavenWording.of(pluginDescriptor);
        if (mojoExecution == null || session == null) {
            return w;
        }
        java.util.Set<String> inPom = new java.util.TreeSet<>();
        org.codehaus.plexus.util.xml.Xpp3Dom pom = pomOnlyConfiguration();
        if (pom != null) {
            for (org.codehaus.plexus.util.xml.Xpp3Dom c : pom.getChildren()) {
                inPom.add(c.getName());
            }
        }
        return w.given(inPom, session.getUserProperties().stringPropertyNames());
    }

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

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
        for (dev.pythonfips.model.plan.Cell cell : plan.cells()) {
            java.util.Optional<ImagesRecord.Entry> e = record.cell(cell.id());
            if (e.isEmpty() || !e.get().hasImage()) {
                problems.add(new dev.pythonfips.model.Problem("cell " + cell.id(), "was not built (" + recordFile() + ": "
                        + e.map(x -> "status " + x.status()).orElse("no entry") + ")",
                        "run fips:build (or mvn package) first, or leave the cell out with -Dfips.cells"));
                continue;
            }
            try {
                if (engine.imageId(e.get().imageId()).isEmpty()) {
                    problems.add(new dev.pythonfips.model.Problem("cell " + cell.id(), "its recorded image " + e.get().imageId()
                            + " is not in the engine " + engine.name(), "run fips:build again on this engine (the same dockerHost / DOCKER_HOST)"));
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

    /** The first call of every goal: says which -D properties the pom shadows, then whether the goal is skipped. */
    protected boolean skipped(String goal) throws MojoFailureException {
        checkSettings(goal);
        warnShadowedProperties();
        if (skip) {
            getLog().info("python-fips: skipping fips:" + goal + " (fips.skip=true)");
        }
        return skip;
    }

    /** {@link #skipped(String)}, or the goal's own skip flag ({@code property}) set. */
    protected boolean skipped(String goal, boolean goalSkip, String property) throws MojoFailureException {
        if (skipped(goal)) {
            return true;
        }
        if (goalSkip) {
            getLog().info("python-fips: skipping fips:" + goal + " (" + property + "=true)");
        }
        return goalSkip;
    }

    /** target/fips/images.json: what fips:build and fips:push really did. */
    protected java.nio.file.Path recordFile() {
        return outputDirectory.toPath().resolve(ImagesRecord.FILE);
    }

    protected ImagesRecord readRecord() throws MojoFailureException {
        try {
            return ImagesRecord.read(recordFile(), wording());
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

    /** The engine of this goal ({@link #fabric8Engine}), set when the goal starts; only its interface is used. */
    protected ContainerEngine engine;

    /**
     * The engine fabric8 uses, for every docker command of this goal: fabric8's {@code <dockerHost>} declared in the
     * pom, else the {@code docker.host} property, else DOCKER_HOST (inherited), else the CLI's default.
     */
    protected DockerEngine fabric8Engine() {
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
        DockerEngine engine = new DockerEngine(host);
        getLog().debug("python-fips: docker engine " + engine.name());
        return engine;
    }

    /** A -D user property the pom's {@code <configuration>} overrides does nothing: say so (see {@link ShadowedProperties}). */
    /**
     * Unknown {@code -Dfips.*} properties and configuration elements (did you mean), and booleans that are not true or
     * false: warnings, or one failure listing every problem when any decides FIPS behaviour (see {@link SettingsCheck}).
     */
    private void checkSettings(String goal) throws MojoFailureException {
        if (mojoExecution == null || session == null || mojoExecution.getMojoDescriptor() == null) {
            return;
        }
        org.apache.maven.plugin.descriptor.MojoDescriptor mojo = mojoExecution.getMojoDescriptor();
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        if (mojo.getParameters() != null) {
            for (org.apache.maven.plugin.descriptor.Parameter p : mojo.getParameters()) {
                parameters.put(p.getName(), p.getType());
            }
        }
        java.util.Map<String, String> all = new java.util.TreeMap<>();
        java.util.Set<String> allParameters = new java.util.TreeSet<>(parameters.keySet());
        org.apache.maven.plugin.descriptor.PluginDescriptor plugin = mojo.getPluginDescriptor();
        if (plugin != null && plugin.getMojos() != null) {
            for (org.apache.maven.plugin.descriptor.MojoDescriptor m : plugin.getMojos()) {
                MavenWording.propertiesOf(m).forEach((name, property) -> all.putIfAbsent(property, name));
                if (m.getParameters() != null) {
                    m.getParameters().forEach(p -> allParameters.add(p.getName()));
                }
            }
        }
        List<SettingsCheck.Finding> findings = SettingsCheck.check(goal, parameters, MavenWording.propertiesOf(mojo), all,
                allParameters, pomConfiguration(), session.getUserProperties());
        List<String> errors = new java.util.ArrayList<>();
        for (SettingsCheck.Finding f : findings) {
            if (f.error()) {
                errors.add(f.message());
            } else {
                getLog().warn("python-fips: " + f.message());
            }
        }
        if (!errors.isEmpty()) {
            throw new MojoFailureException("python-fips: " + errors.size() + " setting(s) of fips:" + goal
                    + " would change nothing or be misread; nothing was done:\n  - " + String.join("\n  - ", errors));
        }
    }

    /**
     * This plugin's configuration as the pom writes it (Maven drops the elements no parameter has from the goal's own
     * configuration): the plugin's {@code <configuration>} with this execution's over it, then the goal's injected
     * values for what the pom does not set.
     */
    private org.codehaus.plexus.util.xml.Xpp3Dom pomConfiguration() {
        org.codehaus.plexus.util.xml.Xpp3Dom injected = mojoExecution.getConfiguration();
        org.codehaus.plexus.util.xml.Xpp3Dom pom = pomOnlyConfiguration();
        if (pom == null) {
            return injected;
        }
        return injected == null ? pom : org.codehaus.plexus.util.xml.Xpp3Dom.mergeXpp3Dom(pom, new org.codehaus.plexus.util.xml.Xpp3Dom(injected));
    }

    /** Only what the pom writes: the plugin's {@code <configuration>} with this execution's over it (null: no pom). */
    private org.codehaus.plexus.util.xml.Xpp3Dom pomOnlyConfiguration() {
        if (project == null || mojoExecution == null || mojoExecution.getPlugin() == null) {
            return null;
        }
        org.apache.maven.model.Plugin plugin = project.getPlugin(mojoExecution.getPlugin().getKey());
        if (plugin == null) {
            return null;
        }
        org.codehaus.plexus.util.xml.Xpp3Dom pom = plugin.getConfiguration() instanceof org.codehaus.plexus.util.xml.Xpp3Dom d
                ? new org.codehaus.plexus.util.xml.Xpp3Dom(d) : new org.codehaus.plexus.util.xml.Xpp3Dom("configuration");
        for (org.apache.maven.model.PluginExecution e : plugin.getExecutions()) {
            if (e.getId().equals(mojoExecution.getExecutionId()) && e.getConfiguration() instanceof org.codehaus.plexus.util.xml.Xpp3Dom d) {
                pom = org.codehaus.plexus.util.xml.Xpp3Dom.mergeXpp3Dom(new org.codehaus.plexus.util.xml.Xpp3Dom(d), pom);
            }
        }
        return pom;
    }

    /** True when the user gave an alias of {@code property} as true (e.g. -Dfips.skip.verify for fips.verify.skip). */
    protected boolean aliasTrue(String property) {
        return session != null && SettingsCheck.aliasTrue(session.getUserProperties(), property);
    }

    private void warnShadowedProperties() {
        if (mojoExecution == null || session == null) {
            return;
        }
        ShadowedProperties.find(MavenWording.propertiesOf(mojoExecution.getMojoDescriptor()),
                mojoExecution.getConfiguration(), session.getUserProperties()).forEach(w -> getLog().warn("python-fips: " + w));
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
