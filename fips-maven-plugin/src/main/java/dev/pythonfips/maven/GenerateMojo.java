package dev.pythonfips.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Validates the matrix and writes one self-contained Docker build context per cell to {@code target/fips/<cell>}
 * (Dockerfile, build scripts, our CPython patch, verified sources, OpenSSL config, conformance check), plus
 * {@code target/fips/matrix.json}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractPlanningMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("generate")) {
            return;
        }
        generate(plan());
    }
}
