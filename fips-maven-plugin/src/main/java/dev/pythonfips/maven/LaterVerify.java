package dev.pythonfips.maven;

import java.util.List;
import java.util.Optional;

/**
 * Whether fips:build leaves the conformance run to a fips:verify later in the same Maven build: when the project binds
 * fips:verify to a lifecycle phase after {@code package} and the build runs up to that phase ({@code mvn verify},
 * {@code install}, {@code deploy}). Then the images are verified once, in that phase, and a release pom needs no
 * {@code <skipVerify>} on its build execution. Run on its own ({@code mvn fips:build}, {@code mvn package}) fips:build
 * still verifies what it built.
 */
final class LaterVerify {

    /** Maven's default lifecycle, in order. */
    static final List<String> DEFAULT_LIFECYCLE = List.of("validate", "initialize", "generate-sources", "process-sources",
            "generate-resources", "process-resources", "compile", "process-classes", "generate-test-sources",
            "process-test-sources", "generate-test-resources", "process-test-resources", "test-compile",
            "process-test-classes", "test", "prepare-package", "package", "pre-integration-test", "integration-test",
            "post-integration-test", "verify", "install", "deploy");

    /** One execution of this plugin in the pom: its id, the phase it is bound to (null: the goal's default), its goals. */
    record Execution(String id, String phase, List<String> goals) {
    }

    private LaterVerify() {
    }

    /**
     * The execution of fips:verify that runs later in this build, if any.
     *
     * @param sessionGoals what Maven was asked to run ({@code mvn deploy} → {@code [deploy]}; goals such as
     *                     {@code fips:build} run no lifecycle)
     */
    static Optional<Execution> of(List<String> sessionGoals, List<Execution> executions) {
        int reached = -1;
        for (String goal : sessionGoals) {
            reached = Math.max(reached, DEFAULT_LIFECYCLE.indexOf(goal));
        }
        int packagePhase = DEFAULT_LIFECYCLE.indexOf("package");
        for (Execution e : executions) {
            if (!e.goals().contains("verify")) {
                continue;
            }
            int phase = DEFAULT_LIFECYCLE.indexOf(e.phase() == null ? "verify" : e.phase());
            if (phase > packagePhase && phase <= reached) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
