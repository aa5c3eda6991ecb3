package dev.pythonfips.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the frontend spells configuration, so that every problem and fix the model reports names what the user actually
 * wrote, while the model itself stays frontend-neutral (the way Jib's frontends hand their HelpfulSuggestions to
 * jib-core). The Maven plugin passes its wording: XML elements ({@code <matrix><python>}, {@code <images><image>[2]})
 * and {@code -Dfips.*} properties, taken from its own plugin descriptor. {@link #neutral()} is for callers without a
 * frontend.
 *
 * <p>Elements are named by the model's field names ({@code matrix}, {@code pythons}, {@code python}, {@code policy},
 * {@code fipsCertificates}, ...): the names of {@link dev.pythonfips.model.plan.FipsSpec}'s records and options.
 */
public interface Wording {

    /** A top-level element, e.g. {@code <policy>}. */
    String element(String name);

    /** A child of an element as already worded, e.g. {@code <matrix>} + python gives {@code <matrix><python>}. */
    String child(String parent, String name);

    /** The {@code index}-th (from 1) {@code item} of a list element as already worded, e.g. {@code <images><image>[2]}. */
    String item(String list, String item, int index);

    /** An element holding a value, e.g. {@code <openssl>3.1.2</openssl>}; {@code value} may itself be worded elements. */
    String value(String name, String value);

    /** The one-run name of a top-level option, e.g. {@code fips.policy}; empty when there is none. */
    Optional<String> property(String option);

    /** How a top-level option is set for one run only, e.g. {@code -Dfips.policy=strict}; empty when there is no way. */
    Optional<String> commandLine(String option, String value);

    /** Where a top-level option is set: its element and its one-run name, e.g. {@code <pushRegistry> (fips.push.registry)}. */
    default String setting(String option) {
        return element(option) + property(option).map(p -> " (" + p + ")").orElse("");
    }

    /** Where the frontend's proxy settings are, for a network error's fix. */
    default String proxySettings() {
        return "the proxy settings";
    }

    /** How the frontend names its offline mode, as in "the build runs in offline mode". */
    default String offlineMode() {
        return "offline mode";
    }

    /**
     * How the frontend names the step that does {@code step} ({@code generate}, {@code build}, {@code push},
     * {@code verify}), as in "run fips:build again".
     */
    default String goal(String step) {
        return "the " + step + " step";
    }

    /** What the frontend calls the user's configuration, as in "pinned in the pom". */
    default String configuration() {
        return "the configuration";
    }

    /** A path of elements from the top, e.g. ("matrix", "platforms") gives {@code <matrix><platforms>}. */
    default String path(String first, String... more) {
        String out = element(first);
        for (String m : more) {
            out = child(out, m);
        }
        return out;
    }

    /** A value with its one-run form when there is one: {@code <policy>strict</policy> (-Dfips.policy=strict)}. */
    default String suggest(String option, String value) {
        return value(option, value) + commandLine(option, value).map(c -> " (" + c + ")").orElse("");
    }

    /** The shortest way to show a setting: its one-run form, else the element: {@code -Dfips.builtinHashes=none}. */
    default String example(String option, String value) {
        return commandLine(option, value).orElseGet(() -> value(option, value));
    }

    /**
     * A text of the catalog or a rule table with {@code {option=value}} markers, each replaced by
     * {@link #suggest(String, String)}: "use {policy=strict} for Python 3.9" gives
     * "use {@code <policy>strict</policy> (-Dfips.policy=strict)} for Python 3.9".
     */
    default String render(String template) {
        Matcher m = MARKER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(suggest(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code {option=value}} in a template. */
    Pattern MARKER = Pattern.compile("\\{([A-Za-z]+)=([^{}]*)}");

    /** Dotted names ({@code matrix.python}, {@code images.image[2]}, {@code policy=strict}), no one-run form. */
    static Wording neutral() {
        return new Wording() {
            @Override
            public String element(String name) {
                return name;
            }

            @Override
            public String child(String parent, String name) {
                return parent + "." + name;
            }

            @Override
            public String item(String list, String item, int index) {
                return list + "." + item + "[" + index + "]";
            }

            @Override
            public String value(String name, String value) {
                return name + "=" + value;
            }

            @Override
            public Optional<String> property(String option) {
                return Optional.empty();
            }

            @Override
            public Optional<String> commandLine(String option, String value) {
                return Optional.empty();
            }
        };
    }
}
