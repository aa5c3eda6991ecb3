package dev.pythonfips.model.render;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.TextTable;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.recipe.BuildRecipe;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.source.PatchChecker;
import dev.pythonfips.model.source.SourceProvider;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes every cell of a plan under an output folder ({@code target/fips}): one build context per cell and
 * {@code matrix.json}. All sources are verified before anything is written; everything is written into a staging
 * folder that replaces the output only when complete, so a failure never leaves a half-written tree.
 */
public final class Generator {

    /** What one generation produced. */
    public record Result(Path outputDir, List<Cell> cells, Map<String, List<String>> deferredSources) {
    }

    private final ContextRenderer renderer = new ContextRenderer();

    public Result generate(Plan plan, Path outputDir, SourceProvider sources, Consumer<String> log)
            throws IOException, FipsConfigException {
        // Verify every source (and dry-run our patch on each Python tarball as soon as it is verified) before
        // anything is written: a bad checksum or a patch that no longer applies fails in seconds.
        Set<String> prepared = new LinkedHashSet<>();
        List<Problem> unavailable = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            for (Release r : ContextRenderer.releases(cell)) {
                if (!prepared.add(r.file())) {
                    continue;
                }
                try {
                    sources.prepare(r);
                } catch (FipsConfigException e) {
                    // every tarball that cannot be had is named at once (offline, a mirror missing several)
                    unavailable.addAll(e.problems());
                    continue;
                }
                java.util.Optional<Path> tarball = sources.verified(r);
                if (r.component() == Release.Component.PYTHON && tarball.isPresent()) {
                    String label = "patches/" + cell.python().minorLine() + "/python-fips.patch on " + r.file();
                    List<Problem> problems = PatchChecker.dryRun(label, ContextRenderer.patch(cell.python()), tarball.get(), r.topFolder());
                    if (!problems.isEmpty()) {
                        throw new FipsConfigException(problems);
                    }
                    log.accept("patch dry-run: " + label + " applies");
                }
            }
        }
        if (!unavailable.isEmpty()) {
            throw new FipsConfigException(unavailable);
        }
        Path staging = outputDir.resolveSibling(outputDir.getFileName() + ".staging");
        deleteTree(staging);
        Map<String, List<String>> deferred = new LinkedHashMap<>();
        try {
            Files.createDirectories(staging);
            for (Cell cell : plan.cells()) {
                Path dir = staging.resolve(cell.id());
                Files.createDirectories(dir);
                List<String> missing = renderer.render(plan, cell, dir, sources);
                if (!missing.isEmpty()) {
                    deferred.put(cell.id(), missing);
                }
                log.accept(cell.id() + ": context written" + (missing.isEmpty() ? " with verified sources"
                        : " (sources deferred: run " + cell.id() + "/fetch-sources.sh)"));
            }
            Files.writeString(staging.resolve("matrix.json"), matrixJson(plan));
            Files.writeString(staging.resolve(JOBS_FILE), jobsJson(plan));
            // the record of built/pushed images describes the engine and registry, not the contexts: it survives
            Path record = outputDir.resolve(ImagesRecord.FILE);
            if (Files.exists(record)) {
                Files.copy(record, staging.resolve(ImagesRecord.FILE));
            }
            deleteTree(outputDir);
            Files.createDirectories(outputDir.getParent());
            Files.move(staging, outputDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        return new Result(outputDir, plan.cells(), deferred);
    }

    /** The fan-out job list fips:generate writes beside matrix.json. */
    public static final String JOBS_FILE = "jobs.json";

    /**
     * jobs.json: one job per cell and platform, as a CI matrix takes it ({@code include}: GitHub Actions'
     * {@code strategy.matrix}, GitLab's {@code parallel:matrix} after {@code jq}): the cell, the platform the job builds
     * and so needs natively ({@code platform}, {@code arch}), and the {@code -D} options that make a job build and push
     * just that ({@code mavenArgs}); {@code fips:assemble} then publishes each cell's manifest list from the jobs' records.
     */
    static String jobsJson(Plan plan) throws IOException {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Cell c : plan.cells()) {
            for (Platform p : c.platforms()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cell", c.id());
                m.put("platform", p.toString());
                m.put("arch", p.arch() + (p.variant().isEmpty() ? "" : "/" + p.variant()));
                m.put("name", c.id() + " " + p);
                m.put("mavenArgs", "-Dfips.cells=" + c.id() + " -Dfips.job.platform=" + p + " -Dfips.push.perPlatform=true");
                jobs.add(m);
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        return json.writeValueAsString(Map.of("include", jobs)) + "\n";
    }

    static String matrixJson(Plan plan) throws IOException {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Cell c : plan.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("python", c.python().toString());
            m.put("distro", c.distro().id());
            m.put("openssl", c.openssl().toString());
            m.put("fipsProvider", c.fipsProvider().toString());
            m.put("fipsValidated", c.validated());
            m.put("fipsCertificates", c.validated() ? c.module().certificates() : List.of());
            m.put("certificateSource", c.certificateSource());
            m.put("platforms", c.platforms().stream().map(Platform::toString).toList());
            m.put("image", c.image());
            m.put("baseImage", c.baseImage());
            m.put("contextDir", c.id());
            BuildRecipe recipe = BuildRecipe.of(c, plan.options());
            m.put("policy", recipe.policy().value());
            m.put("builtinHashes", recipe.builtinHashes());
            m.put("prefix", plan.options().prefix());
            cells.add(m);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generator", "python-fips");
        doc.put("cells", cells);
        return json.writeValueAsString(doc) + "\n";
    }

    /** A fixed-width table of the cells, for the build log. */
    public static List<String> table(List<Cell> cells) {
        List<String[]> rows = new ArrayList<>();
        for (Cell c : cells) {
            rows.add(new String[]{c.id(), c.python().toString(), c.distro().id(), c.openssl().toString(),
                    c.fipsProvider().toString(), c.validated() ? c.module().standard() + (c.module().userDeclared() ? " (user-declared)" : "") : "UNVALIDATED", c.platformList(), c.image()});
        }
        return TextTable.format(new String[]{"CELL", "PYTHON", "DISTRO", "OPENSSL", "FIPS MODULE", "STATUS", "PLATFORMS", "IMAGE"}, rows);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
