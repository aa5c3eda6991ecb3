package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.supplychain.RuntimeExport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import javax.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime as an artifact: for every built cell, the installed prefix read from the recorded image
 * ({@code docker create} + {@code docker cp}, never rebuilt) as {@code export/python-fips-<cell>-<arch>.tar.gz},
 * its SHA-256 recorded in images.json ({@code runtimeExport}), attached with classifier {@code <cell>-<arch>}.
 * A build-time {@code ssl/fipsmodule.cnf} is left out: {@code openssl fipsinstall} must run where the runtime runs.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = false)
public class ExportMojo extends AbstractPlanningMojo {

    /** Skip fips:export. */
    @Parameter(property = "fips.skip.export", defaultValue = "false")
    protected boolean skipExport;

    private final MavenProjectHelper projectHelper;

    @Inject
    public ExportMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("export", skipExport, "fips.skip.export")) {
            return;
        }
        Plan plan = plan();
        engine = fabric8Engine();
        ImagesRecord record = readRecord();
        List<ImagesRecord.Entry> entries = requireBuilt("export", plan, record);
        Path dir = outputDirectory.toPath().resolve("export");
        List<Object[]> done = new ArrayList<>();
        for (int k = 0; k < plan.cells().size(); k++) {
            Cell cell = plan.cells().get(k);
            ImagesRecord.Entry e = entries.get(k);
            // one runtime per platform image (a multi-platform cell has one image per platform)
            List<String> images = e.platformImages().isEmpty() ? List.of(e.imageId())
                    : e.platformImages().stream().map(ImagesRecord.PlatformImage::imageId).toList();
            for (String imageId : images) {
                try {
                    String arch = dev.pythonfips.model.Platform.parse(engine.imagePlatform(imageId)).arch();
                    Path file = dir.resolve(RuntimeExport.fileName(cell.id(), arch));
                    RuntimeExport.Result res = export(engine, imageId, plan.options().prefix(), file);
                    res.leftOut().forEach(l -> getLog().info("python-fips: " + cell.id() + ": left out " + l
                            + " (written at build time; run openssl fipsinstall where the runtime is unpacked)"));
                    done.add(new Object[]{cell, file, arch, res});
                } catch (IOException ex) {
                    throw new MojoFailureException("python-fips: fips:export of cell " + cell.id() + " (image " + imageId
                            + ") failed, nothing was attached: " + ex.getMessage());
                }
            }
        }
        java.util.Map<String, com.fasterxml.jackson.databind.node.ArrayNode> multi = new java.util.LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (Object[] o : done) {
            Cell cell = (Cell) o[0];
            Path file = (Path) o[1];
            String classifier = cell.id() + "-" + o[2];
            try {
                ObjectNode n = SbomMojo.fileNode(file, classifier, "tar.gz");
                n.put("file", "export/" + file.getFileName());
                n.put("architecture", (String) o[2]);
                n.put("prefix", plan.options().prefix());
                n.put("entries", ((RuntimeExport.Result) o[3]).entries());
                var left = n.putArray("leftOut");
                ((RuntimeExport.Result) o[3]).leftOut().forEach(left::add);
                if (cell.multiPlatform()) {
                    // a multi-platform cell: runtimeExport is an array, one object per platform
                    multi.computeIfAbsent(cell.id(), id -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()).add(n);
                    record.attach(cell.id(), "runtimeExport", multi.get(cell.id()));
                } else {
                    record.attach(cell.id(), "runtimeExport", n);
                }
                rows.add(new String[]{cell.id(), outputDirectory.toPath().relativize(file).toString(), n.get("sha256").asText(),
                        String.format(java.util.Locale.ROOT, "%.1f MB", Files.size(file) / 1e6)});
            } catch (IOException ex) {
                throw new MojoExecutionException("python-fips: cannot read " + file + ": " + ex.getMessage(), ex);
            }
            projectHelper.attachArtifact(project, "tar.gz", classifier, file.toFile());
        }
        writeRecord(record);
        printTable(new String[]{"CELL", "FILE", "SHA-256", "SIZE"}, rows);
        getLog().info("python-fips: attached as <cell>-<arch> (tar.gz); recorded in " + recordFile());
    }

    /** The image's prefix, repacked ({@link RuntimeExport}) into {@code file}: through the engine, nothing run. */
    static RuntimeExport.Result export(ContainerEngine engine, String imageId, String prefix, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            RuntimeExport.Result res;
            try {
                res = engine.copyOut(imageId, prefix, 600, in -> {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        return RuntimeExport.repack(in, out);
                    }
                });
            } catch (IOException ex) {
                throw new IOException(ex.getMessage() + "; fix: check <prefix> (" + prefix + ") is where the image installs Python", ex);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return res;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
