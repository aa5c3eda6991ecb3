package dev.pythonfips.model.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts from a {@code python -m test -v} run inside an image (CPython's own test suite under FIPS).
 * Expected FIPS refusals are skipped by name with {@code --ignorefile}; they are counted as {@code ignored}.
 */
public record CpythonTestRun(String modules, int run, int passed, int failures, int errors, int skipped, String result) {

    private static final Pattern VERBOSE = Pattern.compile("(?m)^(test\\w*) \\([\\w.]+\\)(?:\\s*\\n[^\\n]*?)?\\s*\\.\\.\\.\\s*(ok|FAIL|ERROR|skipped|expected failure|unexpected success)");
    private static final Pattern RESULT = Pattern.compile("(?m)^(?:Tests result|Result): (\\w+)");

    /** Parses verbose regrtest output. */
    public static CpythonTestRun parse(String modules, String output, int exitCode) {
        int ok = 0;
        int fail = 0;
        int err = 0;
        int skip = 0;
        Matcher m = VERBOSE.matcher(output);
        while (m.find()) {
            switch (m.group(2)) {
                case "ok", "expected failure" -> ok++;
                case "FAIL", "unexpected success" -> fail++;
                case "ERROR" -> err++;
                default -> skip++;
            }
        }
        Matcher r = RESULT.matcher(output);
        String result = null;
        while (r.find()) {
            result = r.group(1);
        }
        if (result == null) {
            result = exitCode == 0 ? "SUCCESS" : "FAILURE (exit " + exitCode + ")";
        }
        return new CpythonTestRun(modules, ok + fail + err + skip, ok, fail, err, skip, result);
    }

    public boolean succeeded() {
        return result.startsWith("SUCCESS") && failures == 0 && errors == 0;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: run=%d passed=%d failures=%d errors=%d skipped=%d result=%s",
                modules, run, passed, failures, errors, skipped, result);
    }
}
