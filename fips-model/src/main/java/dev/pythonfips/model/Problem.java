package dev.pythonfips.model;

/**
 * One thing wrong with the user's configuration: the element it concerns (as written in the pom, e.g.
 * {@code <images><image>[2]<python>}), what is wrong, and how to fix it.
 */
public record Problem(String element, String message, String fix) {

    @Override
    public String toString() {
        return element + ": " + message + (fix == null || fix.isEmpty() ? "" : "\n      fix: " + fix);
    }
}
