package dev.pythonfips.maven;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.audit.AuditFinding;
import dev.pythonfips.model.audit.AuditResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Audits application images built FROM a python-fips image: every place crypto could run outside the FIPS module
 * (copies of libcrypto/libssl other than the image's own, files with OpenSSL, BoringSSL or LibreSSL linked in,
 * Python extension modules with hash or cipher code of their own such as CPython's builtin hash modules or
 * pycryptodome), each with the file, what installed it (Python distribution or distro package) and the fix, and
 * whether the image still fails closed (conformance.py's fail-closed checks). Writes JUnit XML and index.html to
 * {@code target/fips/audit/}; fails on any finding not in {@code <auditAllows>}. The images are run with
 * {@code --pull=never}, no network and a read-only root, and nothing of them runs but their Python's start.
 */
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class AuditMojo extends AbstractFipsMojo {

    /** The application images to audit (local to the engine; never pulled). */
    @Parameter(property = "fips.audit.images")
    protected List<String> auditImages = new ArrayList<>();

    /** Images to audit, comma-separated (added to {@code auditImages}): {@code -Dfips.audit.image=my-app:1.0}. */
    @Parameter(property = "fips.audit.image")
    protected String auditImage;

    /**
     * Findings the team accepts: {@code <auditAllow><path>/usr/lib/x86_64-linux-gnu/libcrypto.so.3</path>
     * <reason>why</reason></auditAllow>}; reported with the reason, they do not fail the audit.
     */
    @Parameter
    protected List<AuditAllow> auditAllows = new ArrayList<>();

    /** Seconds one image's audit (each of its two runs) may take before it is stopped. */
    @Parameter(property = "fips.audit.timeout", defaultValue = "600")
    protected int auditTimeout;

    /** Where the JUnit XML files and index.html of the audit go. */
    @Parameter(property = "fips.audit.reportDirectory", defaultValue = "${project.build.directory}/fips/audit")
    protected File auditReportDirectory;

    /** Skip fips:audit. */
    @Parameter(property = "fips.skip.audit", defaultValue = "false")
    protected boolean skipAudit;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("audit", skipAudit, "fips.skip.audit")) {
            return;
        }
        List<String> images = new ArrayList<>();
        auditImages.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(images::add);
        if (auditImage != null) {
            Arrays.stream(auditImage.split(",")).map(String::trim).filter(s -> !s.isEmpty() && !images.contains(s)).forEach(images::add);
        }
        List<dev.pythonfips.model.audit.AuditAllow> allows = auditAllows.stream()
                .map(a -> new dev.pythonfips.model.audit.AuditAllow(a.path, a.reason)).toList();
        // without a pom (mvn dev.pythonfips:fips-maven-plugin:audit in any folder) the default is ./target/fips/audit
        java.nio.file.Path reportDir = auditReportDirectory.getPath().contains("${")
                ? java.nio.file.Path.of("target", "fips", "audit").toAbsolutePath() : auditReportDirectory.toPath();
        engine = fabric8Engine();
        List<AuditResult> results;
        try {
            results = new AuditService(engine, m -> getLog().info("python-fips: " + m),
                    m -> getLog().warn("python-fips: " + m)).audit(images, allows, reportDir, auditTimeout);
        } catch (FipsConfigException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoFailureException("python-fips: fips:audit could not reach the engine " + engine.name() + ": "
                    + e.getMessage() + ". Fix: start the Docker engine (or point DOCKER_HOST / <dockerHost> at one) and run again");
        }
        List<String[]> rows = new ArrayList<>();
        for (AuditResult r : results) {
            rows.add(new String[]{r.image(), r.cell(), Integer.toString(r.files()), Integer.toString(r.findings().size()),
                    Integer.toString(r.findings().size() - r.blocking().size()), Long.toString(r.failedChecks()), r.result()});
            for (AuditFinding f : r.blocking()) {
                getLog().error("python-fips: " + r.image() + ": " + f.kind() + " " + f.path() + ": " + f.detail() + "; "
                        + f.installedBy() + ". Fix: " + f.fix());
            }
            r.failClosed().stream().filter(c -> c.failed()).forEach(c ->
                    getLog().error("python-fips: " + r.image() + ": " + c.name() + " FAILED: " + c.message()));
        }
        printTable(new String[]{"IMAGE", "FROM CELL", "FILES", "FINDINGS", "ALLOWED", "CHECKS FAILED", "RESULT"}, rows);
        getLog().info("python-fips: audit report " + reportDir.resolve("index.html"));
        long red = results.stream().filter(r -> r.result().equals("RED")).count();
        if (red > 0) {
            throw new MojoFailureException("python-fips: " + red + " of " + results.size()
                    + " audited image(s) RED: crypto could run outside the FIPS module (each finding above names the file and the fix; "
                    + reportDir.resolve("index.html") + ")");
        }
    }
}
