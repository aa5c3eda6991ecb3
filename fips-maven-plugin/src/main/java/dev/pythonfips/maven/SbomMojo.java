package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.supplychain.ImageContents;
import dev.pythonfips.model.supplychain.Provenance;
import dev.pythonfips.model.supplychain.Sbom;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import javax.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * For every built cell: a CycloneDX SBOM ({@code <cell>/sbom.cdx.json}) and an in-toto/SLSA provenance statement
 * ({@code <cell>/provenance.intoto.json}) next to the image record, their SHA-256 recorded in images.json, both attached
 * to the project (classifiers {@code <cell>-sbom}, {@code <cell>-provenance}) so {@code mvn deploy} publishes them.
 * The image's contents are read from the recorded image itself (its distro package database and pip), never rebuilt;
 * the image is not changed (an SBOM inside it would change what was verified).
 */
@Mojo(name = "sbom", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = false)
public class SbomMojo extends AbstractPlanningMojo {

    /** Skip fips:sbom. */
    @Parameter(property = "fips.skip.sbom", defaultValue = "false")
    protected boolean skipSbom;

    /** The SBOM's timestamp (ISO-8601); empty: none, so the same image gives the same bytes. */
    @Parameter(property = "fips.sbom.timestamp", defaultValue = "${project.build.outputTimestamp}")
    protected String timestamp;

    private static final String QUIET_VALIDATOR = "org.slf4j.simpleLogger.log.com.networknt.schema";

    private final MavenProjectHelper projectHelper;

    @Inject
    public SbomMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("sbom", skipSbom, "fips.skip.sbom")) {
            return;
        }
        Plan plan = plan();
        engine = fabric8Engine();
        ImagesRecord record = readRecord();
        List<ImagesRecord.Entry> entries = requireBuilt("sbom", plan, record);
        // the schema validator warns about CycloneDX's own meta keywords (meta:enum, deprecated) on every run: noise
        if (System.getProperty(QUIET_VALIDATOR) == null) {
            System.setProperty(QUIET_VALIDATOR, "error");
        }
        Instant ts = timestamp();
        List<String> problems = new ArrayList<>();
        List<Object[]> outputs = new ArrayList<>();
        // query every image first: nothing is written or attached unless every cell can be described
        for (int k = 0; k < plan.cells().size(); k++) {
            Cell cell = plan.cells().get(k);
            ImagesRecord.Entry e = entries.get(k);
            Provenance.BuildFacts facts = Provenance.BuildFacts.of(e);
            if (facts == null) {
                problems.add("cell " + cell.id() + ": images.json has no build facts (\"" + Provenance.BUILD_KEY
                        + "\" with a SHA-256 contextSha256) for image " + e.imageId() + ", so its provenance cannot name the builder and context;"
                        + " fix: run fips:build again with this plugin version");
                continue;
            }
            try {
                ImageContents contents = query(engine, cell, e);
                String sbom = Sbom.json(Sbom.build(new Sbom.Input(cell, plan.options(), e, contents, pluginVersion(), ts)));
                List<String> invalid = Sbom.validate(sbom);
                if (!invalid.isEmpty()) {
                    throw new IOException("the SBOM does not validate against the CycloneDX " + Sbom.SPEC.getVersionString()
                            + " schema: " + invalid + " (a bug in python-fips: please report it)");
                }
                String prov = Provenance.json(Provenance.statement(cell, plan.options(), e, facts,
                        new Provenance.Project(project.getGroupId(), project.getArtifactId(), project.getVersion())));
                outputs.add(new Object[]{cell, sbom, prov, contents});
            } catch (IOException | IllegalArgumentException ex) {
                problems.add("cell " + cell.id() + " (image " + e.imageId() + "): " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("python-fips: fips:sbom: nothing was written or attached:\n  " + String.join("\n  ", problems));
        }
        List<String[]> rows = new ArrayList<>();
        for (Object[] o : outputs) {
            Cell cell = (Cell) o[0];
            Path dir = outputDirectory.toPath().resolve(cell.id());
            Path sbomFile = dir.resolve(Sbom.FILE);
            Path provFile = dir.resolve(Provenance.FILE);
            try {
                Files.createDirectories(dir);
                Files.writeString(sbomFile, (String) o[1], StandardCharsets.UTF_8);
                Files.writeString(provFile, (String) o[2], StandardCharsets.UTF_8);
                record.attach(cell.id(), "sbom", fileNode(sbomFile, cell.id() + "-sbom", "cdx.json"));
                record.attach(cell.id(), "provenance", fileNode(provFile, cell.id() + "-provenance", "intoto.json"));
            } catch (IOException ex) {
                throw new MojoExecutionException("python-fips: cannot write " + dir + ": " + ex.getMessage(), ex);
            }
            projectHelper.attachArtifact(project, "cdx.json", cell.id() + "-sbom", sbomFile.toFile());
            projectHelper.attachArtifact(project, "intoto.json", cell.id() + "-provenance", provFile.toFile());
            ImageContents c = (ImageContents) o[3];
            rows.add(new String[]{cell.id(), c.packages().size() + " " + c.family(), c.pythonPackages().size() + " pip",
                    outputDirectory.toPath().relativize(sbomFile).toString(), outputDirectory.toPath().relativize(provFile).toString()});
        }
        writeRecord(record);
        printTable(new String[]{"CELL", "DISTRO PACKAGES", "PYTHON PACKAGES", "SBOM", "PROVENANCE"}, rows);
        getLog().info("python-fips: attached as <cell>-sbom (cdx.json) and <cell>-provenance (intoto.json); recorded in " + recordFile());
    }

    /** Runs the package queries inside the recorded image: no network, never pulled, nothing kept. */
    static ImageContents query(ContainerEngine engine, Cell cell, ImagesRecord.Entry e) throws IOException {
        String family = cell.distro().family();
        List<String> q = ImageContents.packageQuery(family);
        ContainerEngine.Result r = engine.run(ContainerEngine.Container.of(e.imageId(), null, 300, q.subList(1, q.size()))
                .withEntrypoint(q.get(0)));
        if (r.exitCode() != 0) {
            throw new IOException("the package query (" + String.join(" ", q) + ") failed with exit code " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
        List<ImageContents.DistroPackage> packages = ImageContents.parsePackages(family, r.stdout());
        // the Python distributions, through the image's normal entrypoint (it sets up the FIPS configuration)
        ContainerEngine.Result p = engine.run(ContainerEngine.Container.of(e.imageId(), null, 300, ImageContents.PYTHON_PACKAGES));
        if (p.exitCode() != 0) {
            throw new IOException("listing the Python packages in the image (python3 -c 'import importlib.metadata ...') "
                    + "failed with exit code " + p.exitCode() + ": " + (p.stderr().strip() + " " + p.stdout().strip()).strip()
                    + "; fix: check that the image's entrypoint runs commands (python3 on its PATH)");
        }
        return new ImageContents(family, packages, ImageContents.parsePipList(p.stdout()));
    }

    private Instant timestamp() throws MojoFailureException {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        String t = timestamp.trim();
        try {
            if (t.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException ex) {
            throw new MojoFailureException("python-fips: fips.sbom.timestamp / project.build.outputTimestamp '" + t
                    + "' is neither ISO-8601 (2026-01-01T00:00:00Z) nor seconds since the epoch; fix the property");
        }
    }

    static ObjectNode fileNode(Path file, String classifier, String type) throws IOException {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("file", file.getParent().getFileName() + "/" + file.getFileName());
        n.put("sha256", Digests.sha256(file));
        n.put("size", Files.size(file));
        n.put("classifier", classifier);
        n.put("type", type);
        return n;
    }
}
