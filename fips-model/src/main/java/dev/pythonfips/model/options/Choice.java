package dev.pythonfips.model.options;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A build choice of the pom ({@link Policy}, {@link FipsInstall}, {@link Optimizations}, {@link InterpreterLinkage}). */
public interface Choice {
    /** As written in the pom, the manifest and the labels. */
    String value();

    /** The one of {@code choices} written {@code text}. */
    static <E extends Choice> Optional<E> parse(E[] choices, String text) {
        return Arrays.stream(choices).filter(c -> c.value().equals(text)).findFirst();
    }

    /** How {@code choices} are written: what the pom may say. */
    static Set<String> values(Choice[] choices) {
        return Arrays.stream(choices).map(Choice::value).collect(Collectors.toUnmodifiableSet());
    }
}
