package dev.pythonfips.model.options;

import java.util.List;
import java.util.Optional;

/** {@code <optimizations>}: CPython's optimisation flags. */
public enum Optimizations implements Choice {
    /** {@code --enable-optimizations --with-lto}: the release default (docker-library, Debian and Wolfi ship it) */
    PGO_LTO("pgo-lto", "--enable-optimizations", "--with-lto"),
    /** profile-guided: builds twice, runs most of the regression suite as training (BuildChoices.PROFILE_TASK) */
    PGO("pgo", "--enable-optimizations"),
    /**
     * link-time optimisation only. Plain {@code --with-lto} (no =full/thin) is the spelling every supported
     * configure accepts: 3.9's takes no value, 3.11+ accepts {@code --with-lto=[full|thin|no|yes]}.
     */
    LTO("lto", "--with-lto"),
    /** nothing: the fastest build, the slowest interpreter */
    NONE("none");

    private final String value;
    private final List<String> configureFlags;

    Optimizations(String value, String... configureFlags) {
        this.value = value;
        this.configureFlags = List.of(configureFlags);
    }

    public String value() {
        return value;
    }

    public List<String> configureFlags() {
        return configureFlags;
    }

    /** Profile-guided: CPython builds twice and runs a training task in between. */
    public boolean pgo() {
        return configureFlags.contains("--enable-optimizations");
    }

    /** Link-time optimisation. */
    public boolean lto() {
        return configureFlags.contains("--with-lto");
    }

    public static Optional<Optimizations> parse(String text) {
        return Choice.parse(values(), text);
    }

    @Override
    public String toString() {
        return value;
    }
}
