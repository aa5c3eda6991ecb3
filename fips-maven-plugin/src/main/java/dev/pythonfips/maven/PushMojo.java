package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.maven.engine.RegistryClient;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ReleaseTags;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the images fips:build recorded in {@code target/fips/images.json} through fabric8's {@code docker:push}
 * (same image configuration as {@code docker:build}, under the registry-qualified name, plus the extra tags), then
 * records each pushed reference with the manifest digest the registry stores it under. Credentials come from
 * fabric8's usual places (settings.xml {@code <servers>} with the registry as id, its authConfig,
 * ~/.docker/config.json), never from this plugin's configuration, and are never printed.
 *
 * <p>The loop is {@link PushService}: only what happened is recorded; a re-run pushes only what is missing.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = false)
public class PushMojo extends AbstractFabric8Mojo {

    /** Registry (host[:port][/namespace]) to push to when {@code <imageName>} names none, e.g. 127.0.0.1:5000. */
    @Parameter(property = "fips.push.registry", defaultValue = "")
    protected String pushRegistry;

    /**
     * Extra tag patterns for each cell (besides the tag of the image name): placeholders {id} {python}
     * {pythonMinor} {distro} {openssl} {fipsProvider}, and Maven properties such as ${project.version}.
     */
    @Parameter(property = "fips.push.tags")
    protected List<String> pushTags = new ArrayList<>();

    /** Skip fips:push. */
    @Parameter(property = "fips.skip.push", defaultValue = "false")
    protected boolean skipPush;

    /**
     * A fan-out job's push: each cell's image, built for one platform in this job ({@code -Dfips.job.platform}), goes only
     * under its platform's tag ({@code <tag>-linux-arm64}) and is recorded with its digest; fips:assemble later
     * publishes each cell's manifest list from the records of every job.
     */
    @Parameter(property = "fips.push.perPlatform", defaultValue = "false")
    protected boolean perPlatform;

    /** Print what would be pushed (references, fabric8 configuration) without Docker or registry. */
    @Parameter(property = "fips.push.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Inject
    public PushMojo(BuildPluginManager pluginManager, SettingsDecrypter decrypter) {
        super(pluginManager, decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("push", skipPush, "fips.skip.push")) {
            return;
        }
        Plan plan = plan();
        List<ReleaseTags.Target> targets;
        try {
            targets = ReleaseTags.targets(plan.cells(), pushRegistry, interpolated(pushTags, project), wording());
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        }
        ImagesRecord record = readRecord();
        if (dryRun) {
            dryRun(plan, targets, record);
            return;
        }
        engine = fabric8Engine();
        Plugin fabric8 = fabric8Plugin();
        MojoDescriptor[] push = new MojoDescriptor[1];
        PushService.Pusher pusher = (cell, platform, reference, extraTags) -> {
            if (push[0] == null) {
                push[0] = goal(fabric8, "push");
            }
            execute(fabric8, push[0], Fabric8Images.configuration(cell, platform, reference, new File(outputDirectory, cell.id()),
                    network, buildArgs, extraTags, noCache, showOutput ? "build" : null));
        };
        PushService.Outcome outcome = new PushService(engine, new RegistryClient(), pusher, this::credentials, getLog())
                .push(plan.cells(), targets, record, recordFile().toString(), this::writeRecord, perPlatform);
        printTable(new String[]{"CELL", "REFERENCE", "DIGEST", "RESULT"}, outcome.rows());
        getLog().info("python-fips: recorded in " + recordFile());
        if (outcome.failure() != null) {
            throw new MojoFailureException(outcome.failure() + "\n  fix the registry or credentials (settings.xml <server> with the registry as <id>)"
                    + " and run fips:push again: only what is missing is pushed");
        }
    }

    /** {@code ${project.version}} given on the command line (-Dfips.push.tags=...) is not interpolated by Maven. */
    static List<String> interpolated(List<String> patterns, org.apache.maven.project.MavenProject project) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            for (String one : split(p)) {
                out.add(project == null ? one : one.replace("${project.version}", project.getVersion()));
            }
        }
        return out;
    }

    private void dryRun(Plan plan, List<ReleaseTags.Target> targets, ImagesRecord record) {
        getLog().info("python-fips: fips:push dry run (fips.push.dryRun=true): nothing is tagged or pushed");
        List<String[]> rows = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            Cell cell = plan.cells().get(k);
            String state = record.cell(cell.id()).map(ImagesRecord.Entry::status).orElse("not built");
            for (String ref : targets.get(k).references()) {
                rows.add(new String[]{cell.id(), ref, targets.get(k).registry(), state});
            }
            Xpp3Dom conf = Fabric8Images.configuration(cell, cell.platforms().get(0), targets.get(k).references().get(0), new File(outputDirectory, cell.id()),
                    network, buildArgs, targets.get(k).tags().subList(1, targets.get(k).tags().size()), noCache, null);
            getLog().info("python-fips: " + cell.id() + ": fabric8 docker:push configuration:");
            conf.toString().lines().forEach(l -> getLog().info("  " + l));
        }
        printTable(new String[]{"CELL", "REFERENCE", "REGISTRY", "STATE"}, rows);
    }

}
