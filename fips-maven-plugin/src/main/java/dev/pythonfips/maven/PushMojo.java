package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.DockerEngine;
import dev.pythonfips.model.Cell;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.ImagesRecord;
import dev.pythonfips.model.ManifestList;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Plan;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.ReleaseTags;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the images fips:build recorded in {@code target/fips/images.json} through fabric8's {@code docker:push}
 * (same image configuration as {@code docker:build}, under the registry-qualified name, plus the extra tags), then
 * records each pushed reference with the manifest digest the registry stores it under. Credentials come from
 * fabric8's usual places (settings.xml {@code <servers>} with the registry as id, its authConfig,
 * ~/.docker/config.json), never from this plugin's configuration, and are never printed.
 *
 * <p>Only what happened is recorded: a failed push records the failure and no digest; a reference is recorded as
 * pushed only when the engine reports its digest and the registry serves that same digest for the tag. A re-run pushes
 * only cells whose references the registry does not already serve with the recorded digest.
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

    /** Print what would be pushed (references, fabric8 configuration) without Docker or registry. */
    @Parameter(property = "fips.push.dryRun", defaultValue = "false")
    protected boolean dryRun;

    private final RegistryClient registry = new RegistryClient();

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
            targets = ReleaseTags.targets(plan.cells(), pushRegistry, interpolated(pushTags), wording());
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        }
        ImagesRecord record = readRecord();
        if (dryRun) {
            dryRun(plan, targets, record);
            return;
        }
        engine = fabric8Engine();
        List<Problem> problems = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            Cell cell = plan.cells().get(k);
            Optional<ImagesRecord.Entry> e = record.cell(cell.id());
            if (e.isEmpty() || !e.get().hasImage()) {
                problems.add(new Problem("cell " + cell.id(), "fips:build has not built it (" + recordFile() + ": "
                        + e.map(ImagesRecord.Entry::status).orElse("no entry") + ")", "run fips:build (or mvn deploy) first"));
            } else if (inspectId(e.get().imageId()).isEmpty()) {
                problems.add(new Problem("cell " + cell.id(), "its recorded image " + e.get().imageId() + " is not in the engine "
                        + engine.name(), "run fips:build again on this engine (the same dockerHost / DOCKER_HOST)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("python-fips: nothing was pushed:\n" + new FipsConfigException(problems).getMessage());
        }
        Plugin fabric8 = fabric8Plugin();
        MojoDescriptor push = null;
        List<String[]> rows = new ArrayList<>();
        String failure = null;
        for (int k = 0; k < targets.size(); k++) {
            Cell cell = plan.cells().get(k);
            ReleaseTags.Target t = targets.get(k);
            ImagesRecord.Entry entry = record.cell(cell.id()).orElseThrow();
            RegistryClient.Credentials creds = credentials(t.registry());
            if (alreadyPushed(entry, t, creds)) {
                getLog().info("python-fips: " + cell.id() + ": " + t.registry() + " already serves every reference with the recorded digest; not pushed again");
                t.references().forEach(ref -> rows.add(new String[]{cell.id(), ref, entry.pushed(ref).orElseThrow().digest(), "present"}));
                continue;
            }
            if (!entry.platformImages().isEmpty()) {
                if (push == null) {
                    push = goal(fabric8, "push");
                }
                failure = pushList(cell, t, entry, creds, fabric8, push, record, rows);
                writeRecord(record);
                if (failure != null) {
                    break;
                }
                continue;
            }
            getLog().info("python-fips: pushing " + cell.id() + " (" + entry.imageId() + ") to " + t.registry() + " as " + t.references());
            String error = null;
            try {
                for (String ref : t.references()) {
                    ContainerEngine.Result r = engine.cli(List.of("tag", entry.imageId(), ref), 60);
                    if (r.exitCode() != 0) {
                        throw new IOException("docker tag " + entry.imageId() + " " + ref + " failed: " + r.stderr().trim());
                    }
                }
                if (push == null) {
                    push = goal(fabric8, "push");
                }
                Xpp3Dom conf = Fabric8Images.configuration(cell, cell.platforms().get(0), t.references().get(0), new File(outputDirectory, cell.id()),
                        network, buildArgs, t.tags().subList(1, t.tags().size()), noCache, showOutput ? "build" : null);
                execute(fabric8, push, conf);
            } catch (IOException | MojoExecutionException | MojoFailureException ex) {
                error = ex.getMessage();
            }
            // record each reference the registry now really serves with the digest this engine pushed
            List<String> missing = new ArrayList<>();
            for (String ref : t.references()) {
                String tag = ref.substring(ref.lastIndexOf(':') + 1);
                try {
                    String pushed = engineDigest(entry.imageId(), t.repository());
                    Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), tag, creds);
                    if (pushed != null && served.isPresent() && served.get().equals(pushed)) {
                        record.recordPushed(cell.id(), entry.imageId(), new ImagesRecord.Push(t.registry(), ref, pushed));
                        rows.add(new String[]{cell.id(), ref, pushed, "pushed"});
                        continue;
                    }
                    if (error == null) {
                        error = served.isEmpty() ? "the registry has no " + ref + " after the push"
                                : "the registry serves " + served.get() + " for " + ref + ", the engine pushed " + pushed;
                    }
                } catch (IOException ex) {
                    if (error == null) {
                        error = "cannot confirm the push of " + ref + ": " + ex.getMessage();
                    }
                }
                missing.add(ref);
                rows.add(new String[]{cell.id(), ref, "-", "FAILED"});
            }
            if (error != null && !missing.isEmpty()) {
                record.recordPushFailed(cell.id(), entry.imageId(), error);
                failure = "python-fips: push of cell " + cell.id() + " (image " + entry.imageId() + ") to registry " + t.registry()
                        + " failed for " + missing + ": " + error;
            }
            writeRecord(record);
            if (failure != null) {
                break;
            }
        }
        printTable(new String[]{"CELL", "REFERENCE", "DIGEST", "RESULT"}, rows);
        getLog().info("python-fips: recorded in " + recordFile());
        if (failure != null) {
            throw new MojoFailureException(failure + "\n  fix the registry or credentials (settings.xml <server> with the registry as <id>)"
                    + " and run fips:push again: only what is missing is pushed");
        }
    }

    /**
     * A multi-platform cell: pushes each platform's image under its own tag ({@code <first tag>-linux-arm64}), reads
     * back each platform manifest the registry stores, then publishes one manifest list naming them under every
     * reference of the cell. Records a reference only when the registry serves the list's digest for it. Returns the
     * failure message, or null.
     */
    private String pushList(Cell cell, ReleaseTags.Target t, ImagesRecord.Entry entry, RegistryClient.Credentials creds,
                            Plugin fabric8, MojoDescriptor push, ImagesRecord record, List<String[]> rows) {
        String first = t.references().get(0);
        String repo = first.substring(0, first.lastIndexOf(':'));
        String firstTag = first.substring(first.lastIndexOf(':') + 1);
        List<ManifestList.Entry> entries = new ArrayList<>();
        List<ImagesRecord.PlatformManifest> manifests = new ArrayList<>();
        try {
            for (ImagesRecord.PlatformImage pi : entry.platformImages()) {
                Platform platform = Platform.parse(pi.platform());
                String ref = repo + ":" + firstTag + "-" + platform.tagSuffix();
                getLog().info("python-fips: pushing " + cell.id() + " " + platform + " (" + pi.imageId() + ") as " + ref);
                ContainerEngine.Result r = engine.cli(List.of("tag", pi.imageId(), ref), 60);
                if (r.exitCode() != 0) {
                    throw new IOException("docker tag " + pi.imageId() + " " + ref + " failed: " + r.stderr().trim());
                }
                Xpp3Dom conf = Fabric8Images.configuration(cell, platform, ref, new File(outputDirectory, cell.id()), network,
                        buildArgs, List.of(), noCache, showOutput ? "build" : null);
                execute(fabric8, push, conf);
                String pushed = engineDigest(pi.imageId(), t.repository());
                if (pushed == null) {
                    throw new IOException("the engine reports no digest in " + t.repository() + " for " + pi.imageId() + " after the push");
                }
                RegistryClient.Manifest m = registry.manifest(t.registry(), t.repository(), pushed, creds)
                        .orElseThrow(() -> new IOException("the registry has no manifest " + pushed + " for " + ref + " after the push"));
                if (!m.digest().equals(pushed) || ManifestList.isList(m.mediaType())) {
                    throw new IOException("the registry serves " + m.digest() + " (" + m.mediaType() + ") for " + ref
                            + ", the engine pushed " + pushed);
                }
                entries.add(new ManifestList.Entry(platform, m.mediaType().isEmpty() ? ManifestList.MANIFEST_MEDIA_TYPE
                        : m.mediaType(), m.body().length, pushed));
                manifests.add(new ImagesRecord.PlatformManifest(pi.platform(), ref, pushed));
                rows.add(new String[]{cell.id(), ref, pushed, "pushed (" + platform + ")"});
            }
        } catch (IOException | MojoExecutionException | MojoFailureException | IllegalArgumentException ex) {
            record.recordPushFailed(cell.id(), entry.imageId(), ex.getMessage());
            return "python-fips: push of cell " + cell.id() + " to registry " + t.registry() + " failed: " + ex.getMessage();
        }
        ManifestList list = new ManifestList(entries);
        List<String> missing = new ArrayList<>();
        String error = null;
        for (String ref : t.references()) {
            String tag = ref.substring(ref.lastIndexOf(':') + 1);
            try {
                registry.putManifest(t.registry(), t.repository(), tag, list.mediaType(), list.bytes(), creds);
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), tag, creds);
                if (served.isPresent() && served.get().equals(list.digest())) {
                    record.recordPushed(cell.id(), entry.imageId(), new ImagesRecord.Push(t.registry(), ref, list.digest(), manifests));
                    rows.add(new String[]{cell.id(), ref, list.digest(), "pushed (manifest list, " + entries.size() + " platforms)"});
                    continue;
                }
                error = "the registry serves " + served.orElse("nothing") + " for " + ref + ", the manifest list is " + list.digest();
            } catch (IOException ex) {
                error = ex.getMessage();
            }
            missing.add(ref);
            rows.add(new String[]{cell.id(), ref, "-", "FAILED"});
        }
        if (!missing.isEmpty()) {
            record.recordPushFailed(cell.id(), entry.imageId(), error);
            return "python-fips: manifest list of cell " + cell.id() + " to registry " + t.registry() + " failed for " + missing + ": " + error;
        }
        return null;
    }

    private boolean alreadyPushed(ImagesRecord.Entry entry, ReleaseTags.Target t, RegistryClient.Credentials creds) {
        for (String ref : t.references()) {
            Optional<ImagesRecord.Push> p = entry.pushed(ref);
            if (p.isEmpty()) {
                return false;
            }
            try {
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), ref.substring(ref.lastIndexOf(':') + 1), creds);
                if (served.isEmpty() || !served.get().equals(p.get().digest())) {
                    return false;
                }
            } catch (IOException e) {
                getLog().debug("python-fips: cannot check " + ref + ": " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** The digest the engine recorded when it pushed the image to {@code repository}, or null. */
    private String engineDigest(String imageId, String repository) throws IOException {
        String digests = engine.inspect(imageId, "{{range .RepoDigests}}{{println .}}{{end}}").orElse("");
        return digests.lines().map(String::trim).filter(l -> l.startsWith(repository + "@sha256:"))
                .map(l -> l.substring(l.indexOf('@') + 1)).findFirst().orElse(null);
    }

    private Optional<String> inspectId(String imageId) throws MojoExecutionException {
        try {
            return engine.inspect(imageId, "{{.Id}}");
        } catch (IOException e) {
            throw new MojoExecutionException("python-fips: " + e.getMessage(), e);
        }
    }

    /** {@code ${project.version}} given on the command line (-Dfips.push.tags=...) is not interpolated by Maven. */
    private List<String> interpolated(List<String> patterns) {
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
