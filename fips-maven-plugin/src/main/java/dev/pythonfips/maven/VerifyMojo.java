package dev.pythonfips.maven;

import dev.pythonfips.model.Cell;
import dev.pythonfips.model.ConformanceReport;
import dev.pythonfips.model.CpythonTestRun;
import dev.pythonfips.model.ImagesRecord;
import dev.pythonfips.model.Plan;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PlatformSupport;
import dev.pythonfips.model.TextTable;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts each built image (no network) once per platform of its cell ({@code --platform}, under qemu emulation for
 * a foreign platform), runs the cell's conformance check inside it, and writes {@code target/fips/report/}: JUnit XML
 * (one test case per platform × check per cell) and an {@code index.html} matrix. A failed check fails the build with
 * the check's message; a platform that cannot run here is NOT VERIFIED (never passed) and fails the goal unless
 * {@code fips.verify.allowUnverifiedPlatforms}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractFipsMojo {

    /** Skip the conformance check (also skips it at the end of fips:build). */
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
    @Parameter(property = "fips.verify.cpythonTestModules", defaultValue = "test_hashlib,test_hmac")
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

    /** Resolved image per cell id for this verify run. */
    private final java.util.Map<String, String> resolvedImages = new java.util.HashMap<>();
    private ImagesRecord verifyRecord;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("verify", skipVerify, "fips.verify.skip")) {
            return;
        }
        verify(plan());
    }

    protected void verify(Plan plan) throws MojoExecutionException, MojoFailureException {
        useFabric8Engine();
        verifyRecord = readRecord();
        resolvedImages.clear();
        ConformanceReport report = new ConformanceReport();
        String conformance = plan.options().prefix() + "/share/python-fips/conformance.py";
        Platform nativePlatform = enginePlatform();
        for (Cell cell : plan.cells()) {
            List<ConformanceReport.CellResult> perPlatform = new ArrayList<>();
            for (Platform platform : cell.platforms()) {
                String unverifiable = unverifiable(cell, platform, nativePlatform);
                if (unverifiable != null) {
                    getLog().warn("python-fips: " + cell.id() + " " + platform + ": NOT VERIFIED: " + unverifiable);
                    perPlatform.add(new ConformanceReport.CellResult(cell.id(), cell.image(),
                            List.of(ConformanceReport.notVerified(platform, unverifiable)), 0));
                } else {
                    perPlatform.add(verify(plan, cell, platform, conformance).onPlatform(platform));
                }
            }
            ConformanceReport.CellResult result = ConformanceReport.combine(cell.id(), cell.image(), perPlatform);
            for (ConformanceReport.Check k : result.checks()) {
                String line = String.format(Locale.ROOT, "  %-12s %-44s %s", k.status().toUpperCase(Locale.ROOT).replace("-", " "), k.name(), k.message());
                if (k.failed()) {
                    getLog().error(line);
                } else if (k.notVerified()) {
                    getLog().warn(line);
                } else {
                    getLog().info(line);
                }
            }
            report.add(result);
            report.describe(cell.id(), verifyRecord.cell(cell.id()).orElse(null),
                    new File(new File(outputDirectory, cell.id()), "manifest.json").toPath());
        }
        try {
            report.write(reportDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("python-fips: cannot write " + reportDirectory + ": " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>();
        for (ConformanceReport.CellResult c : report.cells()) {
            long passed = c.checks().stream().filter(k -> k.status().equals("pass")).count();
            long skipped = c.checks().stream().filter(k -> k.status().equals("skip")).count();
            rows.add(new String[]{c.cellId(), String.valueOf(passed), String.valueOf(c.failures()), String.valueOf(skipped),
                    String.valueOf(c.notVerified()), c.result()});
        }
        printTable(new String[]{"CELL", "PASSED", "FAILED", "SKIPPED", "NOT VERIFIED", "RESULT"}, rows);
        getLog().info("python-fips: report " + new File(reportDirectory, "index.html"));
        StringBuilder msg = new StringBuilder();
        if (report.failures() > 0) {
            msg.append("python-fips: ").append(report.failures()).append(" conformance check(s) failed:");
            report.cells().forEach(c -> c.checks().stream().filter(ConformanceReport.Check::failed)
                    .forEach(k -> msg.append("\n  - ").append(c.cellId()).append(" ").append(k.name()).append(": ").append(k.message())));
        }
        if (report.notVerified() > 0 && !allowUnverifiedPlatforms) {
            msg.append(msg.length() == 0 ? "python-fips: " : "\n").append(report.notVerified())
                    .append(" platform(s) could not be verified here (set -Dfips.verify.allowUnverifiedPlatforms=true to accept"
                            + " that; they stay NOT VERIFIED in the report):");
            report.cells().forEach(c -> c.checks().stream().filter(ConformanceReport.Check::notVerified)
                    .forEach(k -> msg.append("\n  - ").append(c.cellId()).append(" ").append(k.name()).append(": ").append(k.message())));
        } else if (report.notVerified() > 0) {
            getLog().warn("python-fips: " + report.notVerified() + " platform(s) NOT VERIFIED (fips.verify.allowUnverifiedPlatforms=true)");
        }
        if (msg.length() > 0) {
            throw new MojoFailureException(msg.toString());
        }
    }

    /** The engine's platform, for deciding which platforms need emulation. */
    private Platform enginePlatform() throws MojoFailureException {
        try {
            return Platform.parse(DockerCli.enginePlatform());
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: " + e.getMessage());
        }
    }

    /**
     * Why {@code platform} of {@code cell} cannot be checked here, or null: a foreign platform without emulation, or
     * an engine that holds the cell's image only for another platform.
     */
    private String unverifiable(Cell cell, Platform platform, Platform nativePlatform) {
        if (DockerCli.engineIsLocal()) {
            java.util.Optional<String> why = PlatformSupport.whyNot(platform, nativePlatform, binfmtDirectory.toPath());
            if (why.isPresent()) {
                return why.get();
            }
        }
        String image;
        try {
            image = imageToRun(cell);
        } catch (IOException e) {
            return null; // the conformance run reports the missing image as a failure, as before
        }
        try {
            String got = DockerCli.imagePlatform(image);
            if (!PlatformSupport.imageMatches(platform, got)) {
                return "the engine holds " + image + " for " + got + " only, not for " + platform
                        + (cell.platforms().size() > 1 ? " (a multi-platform cell loads one platform locally; pull "
                        + platform + " by digest on a " + platform + " engine to verify it)" : "");
            }
        } catch (IOException e) {
            return "cannot inspect " + image + ": " + e.getMessage();
        }
        return null;
    }

    /** The conformance run and its extra checks for one platform of a cell (check names without the platform). */
    private ConformanceReport.CellResult verify(Plan plan, Cell cell, Platform platform, String conformance) {
        getLog().info("python-fips: verifying " + cell.id() + " on " + platform + " (" + cell.image() + ")");
        long start = System.nanoTime();
        ConformanceReport.CellResult result;
        try {
            DockerCli.Result r = DockerCli.run(List.of("run", "--rm", "--network", "none", "--platform", platform.toString(),
                    imageToRun(cell), "python3", conformance, "--json"), verifyTimeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r.stdout().trim().startsWith("{")) {
                result = ConformanceReport.parse(cell.id(), cell.image(), r.stdout(), seconds);
            } else {
                result = ConformanceReport.crashed(cell.id(), cell.image(), "docker run exited " + r.exitCode() + ": "
                        + (r.stderr().isBlank() ? r.stdout() : r.stderr()).trim());
            }
        } catch (IOException e) {
            result = ConformanceReport.crashed(cell.id(), cell.image(), e.getMessage());
        }
        result = withBypassedStart(cell, platform, conformance, result);
        if (cpythonTests) {
            result = withCpythonTests(plan, cell, platform, result);
        }
        return result;
    }

    /**
     * Runs the conformance check again the hard way: entrypoint bypassed (as Kubernetes {@code command:} or
     * {@code docker exec} do), read-only root filesystem with only a tmpfs {@code /tmp} writable. FIPS must hold
     * there too (in fipsInstall=startup images Python itself produces the module configuration on first use), so
     * every check of that run must pass; the result is one check of the cell.
     */
    private ConformanceReport.CellResult withBypassedStart(Cell cell, Platform platform, String conformance,
                                                          ConformanceReport.CellResult result) {
        String name = "start-bypassed-read-only";
        String description = "every check also passes with the entrypoint bypassed (--entrypoint python3) on a read-only root "
                + "filesystem with a tmpfs /tmp";
        ConformanceReport.Check check;
        try {
            DockerCli.Result r = DockerCli.run(List.of("run", "--rm", "--network", "none", "--platform", platform.toString(),
                    "--read-only", "--tmpfs", "/tmp", "--entrypoint", "python3", imageToRun(cell), conformance, "--json"), verifyTimeout);
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

    private ConformanceReport.CellResult withCpythonTests(Plan plan, Cell cell, Platform platform, ConformanceReport.CellResult result) {
        List<String> modules = split(cpythonTestModules);
        getLog().info("python-fips: running CPython's " + String.join(" ", modules) + " under FIPS in " + cell.image());
        ConformanceReport.Check check;
        try {
            List<String> cmd = new ArrayList<>(List.of("run", "--rm", "--network", "none", "--platform", platform.toString(),
                    imageToRun(cell), "python3", "-m", "test",
                    "-v", "--ignorefile", plan.options().prefix() + "/share/python-fips/cpython-test-ignore.txt"));
            cmd.addAll(modules);
            DockerCli.Result r = DockerCli.run(cmd, verifyTimeout);
            CpythonTestRun run = CpythonTestRun.parse(String.join(" ", modules), r.stdout() + "\n" + r.stderr(), r.exitCode());
            check = new ConformanceReport.Check("cpython-tests", "CPython's own " + String.join(", ", modules)
                    + " pass under FIPS (expected FIPS refusals skipped by name)", run.succeeded() ? "pass" : "fail", run.summary());
            if (!run.succeeded()) {
                r.stdout().lines().filter(l -> l.startsWith("FAIL:") || l.startsWith("ERROR:"))
                        .forEach(l -> getLog().error("    " + l));
            }
        } catch (IOException e) {
            check = new ConformanceReport.Check("cpython-tests", "CPython's own tests under FIPS", "fail", e.getMessage());
        }
        List<ConformanceReport.Check> checks = new ArrayList<>(result.checks());
        checks.add(check);
        return new ConformanceReport.CellResult(result.cellId(), result.image(), checks, result.seconds());
    }

    /**
     * The exact image to run for a cell, as an immutable reference: the image id fips:build recorded in images.json
     * when the engine has it, else a digest fips:push recorded ({@code repository@sha256:...}) when the engine has
     * that (or pulls it by digest with fips.verify.pullByDigest). Never a tag that could name another image, never
     * an implicit pull (every docker run also gets --pull=never).
     */
    protected String imageToRun(Cell cell) throws IOException {
        String known = resolvedImages.get(cell.id());
        if (known != null) {
            return known;
        }
        ImagesRecord.Entry e = (verifyRecord == null ? new ImagesRecord() : verifyRecord).cell(cell.id()).orElse(null);
        if (e == null || !e.hasImage()) {
            throw new IOException("no image of " + cell.id() + " is recorded in " + recordFile()
                    + (e == null ? "" : " (last build: " + e.status() + ")")
                    + ": run fips:build first; fips:verify checks only images fips:build built");
        }
        String image = null;
        if (DockerCli.inspect(e.imageId(), "{{.Id}}").isPresent()) {
            image = e.imageId();
        }
        for (ImagesRecord.Push p : e.pushes()) {
            if (image == null && DockerCli.inspect(p.pinned(), "{{.Id}}").isPresent()) {
                image = p.pinned();
            }
        }
        if (image == null && pullByDigest && !e.pushes().isEmpty()) {
            String pinned = e.pushes().get(0).pinned();
            getLog().info("python-fips: pulling " + pinned + " (fips.verify.pullByDigest=true)");
            DockerCli.Result r = DockerCli.run(List.of("pull", pinned), verifyTimeout);
            if (r.exitCode() != 0) {
                throw new IOException("docker pull " + pinned + " on " + DockerCli.engine() + " failed: " + r.stderr().trim());
            }
            image = pinned;
        }
        if (image == null) {
            throw new IOException("the image fips:build recorded for " + cell.id() + " (" + e.imageId() + ") is not in the engine "
                    + DockerCli.engine() + (e.pushes().isEmpty() ? "; run fips:build again"
                    : "; pull it by digest (docker pull " + e.pushes().get(0).pinned() + ") or set -Dfips.verify.pullByDigest=true")
                    + " (fips:verify never pulls by name)");
        }
        String id = DockerCli.inspect(image, "{{.Id}}").orElse("");
        if (!id.equals(e.imageId())) {
            getLog().warn("python-fips: " + cell.id() + ": " + image + " has image id " + id + ", fips:build recorded " + e.imageId()
                    + " (an image pulled from a registry gets a new id on some engines); verifying the pushed digest");
        }
        getLog().info("python-fips: " + cell.id() + ": verifying " + image);
        resolvedImages.put(cell.id(), image);
        return image;
    }

}
