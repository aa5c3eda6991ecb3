package dev.pythonfips.model;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has problems the user must fix; carries every problem found, not just the first. */
public class FipsConfigException extends Exception {

    private final List<Problem> problems;

    public FipsConfigException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public FipsConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        return problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the python-fips configuration:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
