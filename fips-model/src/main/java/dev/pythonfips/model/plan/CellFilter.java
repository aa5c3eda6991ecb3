package dev.pythonfips.model.plan;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Wording;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cell selection ({@code -Dfips.cells=} in Maven): selects cells by id or glob ({@code *} any characters,
 * {@code ?} one character), comma separated, e.g. {@code 3.12.3-*,3.11.9-debian12-openssl3.0.9}. A pattern that
 * selects nothing is a mistake and is reported (with the ids that exist), so a CI job never silently builds nothing.
 */
public final class CellFilter {

    private CellFilter() {
    }

    /** The cells matching {@code filter} in plan order; every cell when the filter is null or blank. */
    public static List<Cell> select(List<Cell> cells, String filter, Wording wording) throws FipsConfigException {
        return select(cells, Cell::id, filter, wording);
    }

    /** The items whose {@code id} matches {@code filter}, in their order; every item when the filter is null or blank. */
    public static <T> List<T> select(List<T> cells, java.util.function.Function<T, String> id, String filter,
                                     Wording wording) throws FipsConfigException {
        if (filter == null || filter.isBlank()) {
            return cells;
        }
        List<Problem> problems = new ArrayList<>();
        Set<T> selected = new LinkedHashSet<>();
        List<String> patterns = new ArrayList<>();
        for (String p : filter.split(",")) {
            if (!p.isBlank()) {
                patterns.add(p.trim());
            }
        }
        for (String p : patterns) {
            if (!p.matches("[A-Za-z0-9._*?-]+")) {
                problems.add(new Problem(wording.setting("cells"), "\"" + p + "\" is not a cell id or glob",
                        "use cell ids from target/fips/matrix.json, with * and ? as wildcards, comma separated"));
                continue;
            }
            Pattern regex = glob(p);
            List<T> hits = cells.stream().filter(c -> regex.matcher(id.apply(c)).matches()).toList();
            if (hits.isEmpty()) {
                problems.add(new Problem(wording.setting("cells"), "\"" + p + "\" matches no cell",
                        "use one of " + cells.stream().map(id).toList()));
            }
            selected.addAll(hits);
        }
        if (!problems.isEmpty()) {
            throw new FipsConfigException(problems);
        }
        // plan order, not filter order: output stays deterministic
        return cells.stream().filter(selected::contains).toList();
    }

    /** The plan with only the selected cells. */
    public static Plan select(Plan plan, String filter, Wording wording) throws FipsConfigException {
        if (filter == null || filter.isBlank()) {
            return plan;
        }
        return new Plan(select(plan.cells(), filter, wording), plan.options(), plan.warnings(), plan.labels());
    }

    /**
     * A fan-out job's share of the plan ({@code -Dfips.job.platform=} in Maven): every cell built for {@code platform},
     * for that platform alone; the others are left out. Null or blank: the plan as it is. A platform no cell is built
     * for is a mistake and is reported with the platforms that exist.
     */
    public static Plan onPlatform(Plan plan, String platform, Wording wording) throws FipsConfigException {
        if (platform == null || platform.isBlank()) {
            return plan;
        }
        java.util.Optional<Platform> p = Platform.tryParse(platform.trim());
        List<String> existing = plan.cells().stream().flatMap(c -> c.platforms().stream()).map(Platform::toString).distinct().toList();
        if (p.isEmpty() || existing.stream().noneMatch(x -> x.equals(p.get().toString()))) {
            throw new FipsConfigException(List.of(new Problem(wording.setting("jobPlatform"), "\"" + platform.trim()
                    + "\" is not a platform of any selected cell", "use one of " + existing
                    + " (the \"platform\" of a line of target/fips/jobs.json)")));
        }
        List<Cell> cells = plan.cells().stream().filter(c -> c.platforms().contains(p.get())).map(c -> c.onPlatform(p.get())).toList();
        return new Plan(cells, plan.options(), plan.warnings(), plan.labels());
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
