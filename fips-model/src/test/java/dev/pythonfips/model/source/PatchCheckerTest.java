package dev.pythonfips.model.source;

import dev.pythonfips.model.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PatchCheckerTest {

    private static final String ORIGINAL = String.join("\n", "line 1", "line 2", "line 3", "line 4", "line 5",
            "line 6", "line 7", "line 8", "line 9", "line 10", "");

    private static final String PATCH = String.join("\n",
            "Header text that patch(1) ignores.",
            "--- a/Lib/x.py",
            "+++ b/Lib/x.py",
            "@@ -2,3 +2,3 @@",
            " line 2",
            "-line 3",
            "+line three",
            " line 4",
            "@@ -8,2 +8,3 @@",
            " line 8",
            "+inserted",
            " line 9",
            "--- /dev/null",
            "+++ b/Lib/new.py",
            "@@ -0,0 +1 @@",
            "+new file",
            "");

    @Test
    void appliesWhenEveryHunkMatches() {
        assertThat(PatchChecker.dryRun("p", PATCH, Map.of("Lib/x.py", ORIGINAL))).isEmpty();
        assertThat(PatchChecker.touchedFiles(PATCH)).containsExactly("Lib/x.py");
    }

    @Test
    void findsHunksThatMovedLikePatchDoes() {
        String shifted = "extra a\nextra b\n" + ORIGINAL;
        assertThat(PatchChecker.dryRun("p", PATCH, Map.of("Lib/x.py", shifted))).isEmpty();
    }

    @Test
    void namesTheFileAndHunkThatDoNotApply() {
        String changed = ORIGINAL.replace("line 9", "line nine");
        List<Problem> problems = PatchChecker.dryRun("patches/3.11/python-fips.patch", PATCH, Map.of("Lib/x.py", changed));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).element()).isEqualTo("patches/3.11/python-fips.patch");
        assertThat(problems.get(0).message()).contains("Lib/x.py hunk #2").contains("@@ -8,2 +8,3 @@");
    }

    @Test
    void reportsMissingFiles() {
        assertThat(PatchChecker.dryRun("p", PATCH, Map.of())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Lib/x.py does not exist"));
    }
}
