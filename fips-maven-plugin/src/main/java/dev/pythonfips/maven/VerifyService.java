package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.TextTable;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.plan.PlatformSupport;
import dev.pythonfips.model.recipe.ImageLayout;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.render.GeneratedMatrix;
import dev.pythonfips.model.report.ConformanceReport;
import dev.pythonfips.model.report.CpythonTestRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conformance run shared by fips:verify and the end of fips:build: starts each built image (no network) once per
 * platform of its cell ({@code --platform}, under qemu emulation for a foreign platform), runs the cell's conformance
 * check inside it, and writes the report (JUnit XML + index.html). Works on the generated cells
 * ({@link GeneratedMatrix}) and the images images.json records; never pulls by name. Every engine operation goes through
 * the {@link ContainerEngine} it is given, so it is unit-tested against a fake ({@code VerifyServiceTest}).
 */
final class VerifyService {

    /** The CPython test modules fips:build and fips:verify run with fips.verify.cpythonTests unless told otherwise: our
     * patches change hashlib, hmac and random. */
    static final String DEFAULT_CPYTHON_TEST_MODULES = "test_hashlib,test_hmac,test_random";

    /**
     * The conformance run's parameters (fips.verify.*, fips.reportDirectory, fips.binfmtDirectory), as fips:verify and
     * fips:build declare them.
     */
    record Settings(File reportDirectory, int verifyTimeout, boolean cpythonTests, String cpythonTestModules,
                    boolean pullByDigest, boolean allowUnverifiedPlatforms, File binfmtDirectory) {

        /** The settings a user can get wrong, checked before any image is started (named as the user gave them). */
        void check(Wording wording) throws org.apache.maven.plugin.MojoFailureException {
            if (verifyTimeout <= 0) {
                throw new org.apache.maven.plugin.MojoFailureException("python-fips: " + wording.setting("verifyTimeout") + " is "
                        + verifyTimeout + ": give the seconds one image's conformance run may take before it is stopped, e.g. 600");
            }
        }
    }

    private final Settings settings;
    private final Path recordFile;
    private final Wording wording;
    private final Log log;
    private final ContainerEngine engine;

    VerifyService(ContainerEngine engine, Settings settings, Path recordFile, Wording wording, Log log) {
        this.engine = engine;
        this.settings = settings;
        this.recordFile = recordFile;
        this.wording = wording;
        this.log = log;
    }

    /** Resolved image per cell id for this verify run. */
    private final java.util.Map<String, String> resolvedImages = new java.util.HashMap<>();
    private ImagesRecord verifyRecord;

    /**
     * Runs the conformance check of every cell on every platform, writes the report, and fails with every failed check
     * (and every platform that could not be checked, unless allowed). The docker CLI must already point at the engine
     * fabric8 uses.
     */
    void verify(GeneratedMatrix matrix) throws MojoExecutionException, MojoFailureException {
        requireBuilt(matrix);
        resolvedImages.clear();
        ConformanceReport report = new ConformanceReport(wording);
        Platform nativePlatform = enginePlatform();
        for (GeneratedMatrix.Entry cell : matrix.cells()) {
            ConformanceReport.CellResult result = verifyCell(cell, nativePlatform);
            logChecks(result);
            report.add(result);
            report.describe(cell.id(), verifyRecord.cell(cell.id()).orElse(null),
                    recordFile.getParent().resolve(cell.id()).resolve("manifest.json"));
        }
        try {
            report.write(settings.reportDirectory().toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("python-fips: cannot write " + settings.reportDirectory() + ": " + e.getMessage(), e);
        }
        logSummary(report);
        String failure = failure(report);
        if (failure != null) {
            throw new MojoFailureException(failure);
        }
    }

    /** An image fips:build did not record is never checked: say so once, before starting anything or writing a report. */
    private void requireBuilt(GeneratedMatrix matrix) throws MojoFailureException {
        try {
            verifyRecord = ImagesRecord.read(recordFile, wording);
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage());
        }
        List<String> unbuilt = matrix.cells().stream().map(GeneratedMatrix.Entry::id)
                .filter(id -> verifyRecord.cell(id).isEmpty()).toList();
        if (!unbuilt.isEmpty()) {
            throw new MojoFailureException("python-fips: nothing to verify for " + String.join(", ", unbuilt) + ": "
                    + recordFile + " records no image of " + (unbuilt.size() == 1 ? "this cell" : "these cells")
                    + " (fips:verify checks only images fips:build built). Fix: run fips:build (mvn package) first"
                    + (unbuilt.size() < matrix.cells().size() ? ", or select the built cells with -Dfips.cells" : ""));
        }
    }

    /** Every platform of one cell: checked, or NOT VERIFIED with the reason. */
    private ConformanceReport.CellResult verifyCell(GeneratedMatrix.Entry cell, Platform nativePlatform) {
        String conformance = new ImageLayout(cell.prefix()).conformance();
        List<ConformanceReport.CellResult> perPlatform = new ArrayList<>();
        for (Platform platform : cell.platforms()) {
            String unverifiable = unverifiable(cell, platform, nativePlatform);
            if (unverifiable != null) {
                log.warn("python-fips: " + cell.id() + " " + platform + ": NOT VERIFIED: " + unverifiable);
                perPlatform.add(new ConformanceReport.CellResult(cell.id(), cell.image(),
                        List.of(ConformanceReport.notVerified(platform, unverifiable)), 0));
            } else {
                perPlatform.add(verify(cell, platform, conformance).onPlatform(platform));
            }
        }
        return ConformanceReport.combine(cell.id(), cell.image(), perPlatform);
    }

    private void logChecks(ConformanceReport.CellResult result) {
        for (ConformanceReport.Check k : result.checks()) {
            String line = String.format(Locale.ROOT, "  %-12s %-44s %s", k.status().toUpperCase(Locale.ROOT).replace("-", " "), k.name(), k.message());
            if (k.failed()) {
                log.error(line);
            } else if (k.notVerified()) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
    }

    private void logSummary(ConformanceReport report) {
        List<String[]> rows = new ArrayList<>();
        for (ConformanceReport.CellResult c : report.cells()) {
            long passed = c.checks().stream().filter(k -> k.status().equals("pass")).count();
            long skipped = c.checks().stream().filter(k -> k.status().equals("skip")).count();
            rows.add(new String[]{c.cellId(), String.valueOf(passed), String.valueOf(c.failures()), String.valueOf(skipped),
                    String.valueOf(c.notVerified()), c.result()});
        }
        TextTable.format(new String[]{"CELL", "PASSED", "FAILED", "SKIPPED", "NOT VERIFIED", "RESULT"}, rows).forEach(line -> log.info("  " + line));
        log.info("python-fips: report " + new File(settings.reportDirectory(), "index.html"));
    }

    /** Every failed check and every platform that could not be checked (unless allowed), or null when GREEN. */
    private String failure(ConformanceReport report) {
        StringBuilder msg = new StringBuilder();
        if (report.failures() > 0) {
            msg.append("python-fips: ").append(report.failures()).append(" conformance check(s) failed:");
            report.cells().forEach(c -> c.checks().stream().filter(ConformanceReport.Check::failed)
                    .forEach(k -> msg.append("\n  - ").append(c.cellId()).append(" ").append(k.name()).append(": ").append(k.message())));
        }
        if (report.notVerified() > 0 && !settings.allowUnverifiedPlatforms()) {
            msg.append(msg.length() == 0 ? "python-fips: " : "\n").append(report.notVerified())
                    .append(" platform(s) could not be verified here (set -Dfips.verify.allowUnverifiedPlatforms=true to accept"
                            + " that; they stay NOT VERIFIED in the report):");
            report.cells().forEach(c -> c.checks().stream().filter(ConformanceReport.Check::notVerified)
                    .forEach(k -> msg.append("\n  - ").append(c.cellId()).append(" ").append(k.name()).append(": ").append(k.message())));
        } else if (report.notVerified() > 0) {
            log.warn("python-fips: " + report.notVerified() + " platform(s) NOT VERIFIED (fips.verify.allowUnverifiedPlatforms=true)");
        }
        return msg.length() > 0 ? msg.toString() : null;
    }

    /** The engine's platform, for deciding which platforms need emulation. */
    /** What to do when the engine cannot be reached (fips:build says the same). */
    static final String ENGINE_FIX = "; start the Docker engine (systemctl start docker, or dockerd &) or point fabric8's"
            + " <dockerHost> / DOCKER_HOST at one";

    private Platform enginePlatform() throws MojoFailureException {
        try {
            return engine.platform();
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage() + ENGINE_FIX);
        }
    }

    /**
     * Why {@code platform} of {@code cell} cannot be checked here, or null: a foreign platform without emulation, or
     * an engine that holds the cell's image only for another platform.
     */
    private String unverifiable(GeneratedMatrix.Entry cell, Platform platform, Platform nativePlatform) {
        if (engine.local()) {
            java.util.Optional<String> why = PlatformSupport.whyNot(platform, nativePlatform, settings.binfmtDirectory().toPath());
            if (why.isPresent()) {
                return why.get();
            }
        }
        String image;
        try {
            image = imageToRun(cell, platform);
        } catch (IOException e) {
            return null; // the conformance run reports the missing image as a failure, as before
        }
        try {
            String got = engine.imagePlatform(image);
            if (!PlatformSupport.imageMatches(platform, got)) {
                return "the engine holds " + image + " for " + got + " only, not for " + platform;
            }
        } catch (IOException e) {
            return "cannot inspect " + image + ": " + e.getMessage();
        }
        return null;
    }

    /** The conformance run and its extra checks for one platform of a cell (check names without the platform). */
    private ConformanceReport.CellResult verify(GeneratedMatrix.Entry cell, Platform platform, String conformance) {
        log.info("python-fips: verifying " + cell.id() + " on " + platform + " (" + cell.image() + ")");
        long start = System.nanoTime();
        ConformanceReport.CellResult result;
        try {
            ContainerEngine.Result r = engine.run(ContainerEngine.Container.of(imageToRun(cell, platform), platform,
                    settings.verifyTimeout(), List.of("python3", conformance, "--json")));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r.stdout().trim().startsWith("{")) {
                result = ConformanceReport.parse(cell.id(), cell.image(), r.stdout(), seconds);
            } else {
                result = ConformanceReport.crashed(cell.id(), cell.image(), "docker run exited " + r.exitCode() + ": " + r.output());
            }
        } catch (IOException e) {
            result = ConformanceReport.crashed(cell.id(), cell.image(), e.getMessage());
        }
        result = withBypassedStart(cell, platform, conformance, result);
        if (settings.cpythonTests()) {
            result = withCpythonTests(cell, platform, result);
        }
        return result;
    }

    /**
     * Runs the conformance check again the hard way: entrypoint bypassed (as Kubernetes {@code command:} or
     * {@code docker exec} do), read-only root filesystem with only a tmpfs {@code /tmp} writable. FIPS must hold
     * there too (in fipsInstall=startup images Python itself produces the module configuration on first use), so
     * every check of that run must pass; the result is one check of the cell.
     */
    private ConformanceReport.CellResult withBypassedStart(GeneratedMatrix.Entry cell, Platform platform, String conformance,
                                                          ConformanceReport.CellResult result) {
        String name = "start-bypassed-read-only";
        String description = "every check also passes with the entrypoint bypassed (--entrypoint python3) on a read-only root "
                + "filesystem with a tmpfs /tmp";
        ConformanceReport.Check check;
        try {
            ContainerEngine.Result r = engine.run(ContainerEngine.Container.of(imageToRun(cell, platform), platform,
                    settings.verifyTimeout(), List.of(conformance, "--json")).withEntrypoint("python3").readOnlyRoot());
            if (!r.stdout().trim().startsWith("{")) {
                check = new ConformanceReport.Check(name, description, "fail", "docker run exited " + r.exitCode() + ": "
                        + (r.stderr().isBlank() ? r.stdout() : r.stderr()).trim());
            } else {
                ConformanceReport.CellResult run = ConformanceReport.parse(cell.id(), cell.image(), r.stdout(), 0);
                List<String> failed = run.checks().stream().filter(ConformanceReport.Check::failed)
                        .map(k -> k.name() + ": " + k.message()).toList();
                long passed = run.checks().stream().filter(k -> k.status().equals("pass")).count();
                check = failed.isEmpty()
                        ? new ConformanceReport.Check(name, description, "pass", passed + " checks passed")
                        : new ConformanceReport.Check(name, description, "fail", String.join("; ", failed));
            }
        } catch (IOException e) {
            check = new ConformanceReport.Check(name, description, "fail", e.getMessage());
        }
        List<ConformanceReport.Check> checks = new ArrayList<>(result.checks());
        checks.add(check);
        return new ConformanceReport.CellResult(result.cellId(), result.image(), checks, result.seconds());
    }

    private ConformanceReport.CellResult withCpythonTests(GeneratedMatrix.Entry cell, Platform platform, ConformanceReport.CellResult result) {
        List<String> modules = AbstractFipsMojo.split(settings.cpythonTestModules());
        log.info("python-fips: running CPython's " + String.join(" ", modules) + " under FIPS in " + cell.image());
        ConformanceReport.Check check;
        try {
            List<String> cmd = new ArrayList<>(List.of("python3", "-m", "test",
                    "-v", "--ignorefile", new ImageLayout(cell.prefix()).cpythonTestIgnores()));
            cmd.addAll(modules);
            ContainerEngine.Result r = engine.run(ContainerEngine.Container.of(imageToRun(cell, platform), platform,
                    settings.verifyTimeout(), cmd));
            CpythonTestRun run = CpythonTestRun.parse(String.join(" ", modules), r.stdout() + "\n" + r.stderr(), r.exitCode());
            check = new ConformanceReport.Check("cpython-tests", "CPython's own " + String.join(", ", modules)
                    + " pass under FIPS (expected FIPS refusals skipped by name)", run.succeeded() ? "pass" : "fail", run.summary());
            if (!run.succeeded()) {
                r.stdout().lines().filter(l -> l.startsWith("FAIL:") || l.startsWith("ERROR:"))
                        .forEach(l -> log.error("    " + l));
            }
        } catch (IOException e) {
            check = new ConformanceReport.Check("cpython-tests", "CPython's own tests under FIPS", "fail", e.getMessage());
        }
        List<ConformanceReport.Check> checks = new ArrayList<>(result.checks());
        checks.add(check);
        return new ConformanceReport.CellResult(result.cellId(), result.image(), checks, result.seconds());
    }

    /**
     * The exact image to run for one platform of a cell, as an immutable reference: the image id fips:build recorded
     * in images.json for that platform (a multi-platform cell has one image per platform) when the engine has it, else
     * a digest fips:push recorded ({@code repository@sha256:...}; for a multi-platform cell that platform's manifest in
     * the pushed manifest list) when the engine has that (or pulls it by digest with fips.verify.pullByDigest). Never a
     * tag that could name another image, never an implicit pull (every docker run also gets --pull=never).
     */
    String imageToRun(GeneratedMatrix.Entry cell, Platform platform) throws IOException {
        String key = cell.id() + " " + platform;
        String known = resolvedImages.get(key);
        if (known != null) {
            return known;
        }
        ImagesRecord.Entry e = (verifyRecord == null ? new ImagesRecord() : verifyRecord).cell(cell.id()).orElse(null);
        if (e == null || !e.hasImage()) {
            throw new IOException("no image of " + cell.id() + " is recorded in " + recordFile
                    + (e == null ? "" : " (last build: " + e.status() + ")")
                    + ": run fips:build first; fips:verify checks only images fips:build built");
        }
        String recordedId = e.imageFor(platform.toString()).orElseThrow(() -> new IOException(recordFile + " records no "
                + platform + " image of " + cell.id() + " (recorded: " + e.platforms() + "): run fips:build again"));
        List<String> pinned = new ArrayList<>();
        for (ImagesRecord.Push p : e.pushes()) {
            if (e.platformImages().isEmpty()) {
                pinned.add(p.pinned());
            } else {
                String repo = p.pinned().substring(0, p.pinned().indexOf('@'));
                p.manifests().stream().filter(m -> m.platform().equals(platform.toString()))
                        .forEach(m -> pinned.add(repo + "@" + m.digest()));
            }
        }
        String image = null;
        if (engine.imageId(recordedId).isPresent()) {
            image = recordedId;
        }
        for (String ref : pinned) {
            if (image == null && engine.imageId(ref).isPresent()) {
                image = ref;
            }
        }
        if (image == null && settings.pullByDigest() && !pinned.isEmpty()) {
            String ref = pinned.get(0);
            log.info("python-fips: pulling " + ref + " (fips.verify.pullByDigest=true)");
            engine.pull(ref, null, settings.verifyTimeout());
            image = ref;
        }
        if (image == null) {
            throw new IOException("the image fips:build recorded for " + cell.id() + " on " + platform + " (" + recordedId
                    + ") is not in the engine " + engine.name() + (pinned.isEmpty() ? "; run fips:build again"
                    : "; pull it by digest (docker pull " + pinned.get(0) + ") or set -Dfips.verify.pullByDigest=true")
                    + " (fips:verify never pulls by name)");
        }
        String id = engine.imageId(image).orElse("");
        if (!id.equals(recordedId)) {
            log.warn("python-fips: " + cell.id() + ": " + image + " has image id " + id + ", fips:build recorded " + recordedId
                    + " (an image pulled from a registry gets a new id on some engines); verifying the pushed digest");
        }
        log.info("python-fips: " + cell.id() + ": verifying " + image);
        resolvedImages.put(key, image);
        return image;
    }

}
