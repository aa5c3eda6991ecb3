package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.RegistryClient;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ReleaseTags;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a matrix built by several jobs (see {@code target/fips/jobs.json}): reads the images.json of every
 * job, checks that every platform of every cell was pushed by a job ({@code fips:push -Dfips.push.perPlatform=true}),
 * built from the same inputs as the cell's other platforms, and is served by the registry with the recorded digest —
 * all problems at once, nothing published otherwise — then publishes one manifest list per cell under the cell's
 * references (the same registry and tags as fips:push) and records it in this project's images.json, so
 * {@code fips:verify -Dfips.verify.pullByDigest=true} checks each platform by digest. Needs no container engine.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = false)
public class AssembleMojo extends AbstractPlanningMojo {

    /**
     * The images.json of each job: files, folders holding one, or a folder of such folders (what a CI downloads from
     * the fan-out jobs' artifacts: {@code records/<job>/images.json}).
     */
    @Parameter(property = "fips.assemble.records")
    protected List<File> records = new ArrayList<>();

    /** Registry (host[:port][/namespace]) the jobs pushed to when {@code <imageName>} names none, e.g. 127.0.0.1:5000. */
    @Parameter(property = "fips.push.registry", defaultValue = "")
    protected String pushRegistry;

    /** Extra tag patterns for each cell's manifest list, as fips:push takes them ({id} {python} {pythonMinor} ...). */
    @Parameter(property = "fips.push.tags")
    protected List<String> pushTags = new ArrayList<>();

    /** Skip fips:assemble. */
    @Parameter(property = "fips.skip.assemble", defaultValue = "false")
    protected boolean skipAssemble;

    private final SettingsDecrypter decrypter;

    @Inject
    public AssembleMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("assemble", skipAssemble, "fips.skip.assemble")) {
            return;
        }
        Plan plan = plan();
        List<ReleaseTags.Target> targets;
        try {
            targets = ReleaseTags.targets(plan.cells(), pushRegistry, PushMojo.interpolated(pushTags, project), wording());
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        }
        List<AssembleService.JobRecord> jobs = readJobs();
        ImagesRecord out = readRecord();
        List<String[]> rows = new AssembleService(new RegistryClient(), new RegistryCredentials(settings, decrypter, getLog()), getLog())
                .assemble(plan.cells(), targets, jobs, out, this::writeRecord);
        printTable(new String[]{"CELL", "REFERENCE", "DIGEST", "RESULT"}, rows);
        getLog().info("python-fips: recorded in " + recordFile() + "; verify each platform by digest with fips:verify"
                + " -Dfips.verify.pullByDigest=true");
    }

    /** Every job record, or one failure naming each that is missing or unreadable. */
    private List<AssembleService.JobRecord> readJobs() throws MojoFailureException {
        List<String> problems = new ArrayList<>();
        List<AssembleService.JobRecord> jobs = new ArrayList<>();
        List<File> given = new ArrayList<>();
        records.forEach(f -> split(f.getPath()).forEach(p -> given.add(new File(p))));
        if (given.isEmpty()) {
            throw new MojoFailureException("python-fips: <records> (fips.assemble.records) names no job record: give the images.json"
                    + " of every job (files or folders, comma-separated with -Dfips.assemble.records)");
        }
        List<File> files = new ArrayList<>();
        for (File f : given) {
            if (f.isDirectory() && !new File(f, ImagesRecord.FILE).isFile()) {
                // a folder of the jobs' folders, as a CI downloads their artifacts: records/<job>/images.json
                File[] sub = f.listFiles(d -> d.isDirectory() && new File(d, ImagesRecord.FILE).isFile());
                if (sub == null || sub.length == 0) {
                    problems.add(f + " holds no " + ImagesRecord.FILE + ", and no folder of it does");
                    continue;
                }
                java.util.Arrays.stream(sub).sorted().forEach(d -> files.add(new File(d, ImagesRecord.FILE)));
            } else {
                files.add(f.isDirectory() ? new File(f, ImagesRecord.FILE) : f);
            }
        }
        for (File file : files) {
            if (!file.isFile()) {
                problems.add(file + " does not exist");
                continue;
            }
            try {
                jobs.add(new AssembleService.JobRecord(file.getPath(), ImagesRecord.read(file.toPath(), wording())));
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("python-fips: <records> (fips.assemble.records): nothing was assembled:\n  - "
                    + String.join("\n  - ", problems));
        }
        return jobs;
    }
}
