package dev.pythonfips.model;

import java.util.List;

/** The validated result of a {@link FipsSpec}: the cells to generate, in a stable order, and warnings to show. */
public record Plan(List<Cell> cells, FipsSpec.Options options, List<String> warnings, java.util.Map<String, String> labels) {

    public Plan {
        cells = List.copyOf(cells);
        warnings = List.copyOf(warnings);
        labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
    }

    /** The build recipe of one of this plan's cells: every build choice and command, computed in one place. */
    public BuildRecipe recipe(Cell cell) {
        return BuildRecipe.of(cell, options);
    }
}
