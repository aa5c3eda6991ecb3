package dev.pythonfips.model.plan;

import java.util.List;

/** The validated result of a {@link FipsSpec}: the cells to generate, in a stable order, and warnings to show. */
public record Plan(List<Cell> cells, FipsSpec.Options options, List<String> warnings, java.util.Map<String, String> labels) {

    public Plan {
        cells = List.copyOf(cells);
        warnings = List.copyOf(warnings);
        labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
    }
}
