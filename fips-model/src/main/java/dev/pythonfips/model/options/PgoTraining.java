package dev.pythonfips.model.options;

import java.util.Optional;

/**
 * {@code <pgoTraining>}: what CPython's PGO training runs between its instrumented and its final build
 * ({@code PROFILE_TASK}, {@link BuildChoices#profileTask}). Only with {@link Optimizations#pgo()}.
 */
public enum PgoTraining implements Choice {
    /**
     * the default, what a release ships: CPython's regression suite ({@code --pgo-extended}) but
     * {@link BuildChoices#PGO_TRAINING_EXCLUDES}, as Debian trains
     */
    REGRESSION_SUITE("regression-suite"),
    /**
     * CPython's own {@code --pgo} set ({@code Lib/test/libregrtest/pgo.py}: 43 tests in 3.9 and 3.13, 44 in 3.11, what {@code make}
     * trains on unless told otherwise): a shorter build for an interpreter a few per cent slower (measured: README,
     * <i>Performance</i>); CI builds with it (examples/e2e-debian)
     */
    UPSTREAM("upstream");

    private final String value;

    PgoTraining(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<PgoTraining> parse(String text) {
        return Choice.parse(values(), text);
    }

    @Override
    public String toString() {
        return value;
    }
}
