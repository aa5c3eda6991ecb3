package dev.pythonfips.maven;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.render.GeneratedMatrix;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * Starts each built image (no network) once per platform of its cell ({@code --platform}, under qemu emulation for
 * a foreign platform), runs the cell's conformance check inside it, and writes {@code target/fips/report/}: JUnit XML
 * (one test case per platform × check per cell) and an {@code index.html} matrix. A failed check fails the build with
 * the check's message; a platform that cannot run here is NOT VERIFIED (never passed) and fails the goal unless
 * {@code fips.verify.allowUnverifiedPlatforms}. The cells are those of {@code target/fips/matrix.json} (what
 * fips:generate / fips:build wrote; {@code fips.cells} selects some), so no matrix configuration is needed here.
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
    @Parameter(property = "fips.verify.cpythonTestModules", defaultValue = VerifyService.DEFAULT_CPYTHON_TEST_MODULES)
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("verify", skipVerify || aliasTrue("fips.verify.skip"), "fips.verify.skip")) {
            return;
        }
        MavenWording wording = wording();
        GeneratedMatrix matrix;
        try {
            matrix = GeneratedMatrix.read(outputDirectory.toPath(), wording).select(cells, wording);
        } catch (IOException | FipsConfigException e) {
            boolean missing = !new File(outputDirectory, GeneratedMatrix.FILE).isFile();
            throw new MojoFailureException("python-fips: fips:verify checks the cells of " + outputDirectory + File.separator
                    + GeneratedMatrix.FILE + ": " + e.getMessage()
                    + (missing ? "; run fips:generate or fips:build (mvn package) first" : ""));
        }
        engine = fabric8Engine();
        VerifyService.Settings verifySettings = new VerifyService.Settings(reportDirectory, verifyTimeout, cpythonTests,
                cpythonTestModules, pullByDigest, allowUnverifiedPlatforms, binfmtDirectory);
        verifySettings.check(wording);
        new VerifyService(engine, verifySettings, recordFile(), wording, getLog())
                .verify(matrix);
    }
}
