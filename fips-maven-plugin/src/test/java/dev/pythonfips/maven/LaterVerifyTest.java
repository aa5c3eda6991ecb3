package dev.pythonfips.maven;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** fips:build leaves the conformance run to fips:verify only when that execution really runs later in the same build. */
class LaterVerifyTest {

    static final LaterVerify.Execution BUILD = new LaterVerify.Execution("build", null, List.of("build"));
    static final LaterVerify.Execution VERIFY = new LaterVerify.Execution("verify", null, List.of("verify"));

    @Test
    void aReleaseBuildVerifiesOnceInTheVerifyPhase() {
        assertThat(LaterVerify.of(List.of("deploy"), List.of(BUILD, VERIFY))).contains(VERIFY);
        assertThat(LaterVerify.of(List.of("clean", "verify"), List.of(BUILD, VERIFY))).contains(VERIFY);
        LaterVerify.Execution integration = new LaterVerify.Execution("it", "integration-test", List.of("verify", "sbom"));
        assertThat(LaterVerify.of(List.of("install"), List.of(integration))).contains(integration);
    }

    @Test
    void fipsBuildOnItsOwnOrAPhaseBeforeVerifyStillVerifies() {
        assertThat(LaterVerify.of(List.of("fips:build"), List.of(BUILD, VERIFY))).isEmpty();
        assertThat(LaterVerify.of(List.of("package"), List.of(BUILD, VERIFY))).isEmpty();
        assertThat(LaterVerify.of(List.of("dev.pythonfips:fips-maven-plugin:build", "fips:verify"), List.of(VERIFY)))
                .as("goals on the command line are not lifecycle phases").isEmpty();
    }

    @Test
    void noVerifyExecutionOrOneBoundBeforeTheBuildDoesNotCount() {
        assertThat(LaterVerify.of(List.of("deploy"), List.of(BUILD))).isEmpty();
        assertThat(LaterVerify.of(List.of("deploy"), List.of(new LaterVerify.Execution("early", "compile", List.of("verify"))))).isEmpty();
    }
}
