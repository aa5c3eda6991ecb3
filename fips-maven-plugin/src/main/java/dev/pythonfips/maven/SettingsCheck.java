package dev.pythonfips.maven;

import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a user typed that no goal reads, found before anything runs: {@code -Dfips.*} user properties that are no
 * parameter's property, and elements of the plugin's {@code <configuration>} that are no parameter of the goal, each
 * with the nearest known name ("did you mean"); and values of boolean parameters that are not true or false (Maven
 * would read {@code yes} as false). A typo near a setting that decides FIPS behaviour, and any boolean that is not
 * true or false, stop the goal; other typos are warnings. Aliases a user's guess makes unambiguous are accepted.
 */
final class SettingsCheck {

    /** Parameters whose value decides what FIPS behaviour an image has: a typo near one of them is an error. */
    static final Set<String> FIPS_DECIDING = Set.of("policy", "fipsInstall", "builtinHashes", "allowUnvalidatedProvider",
            "fipsProvider", "fipsCertificates", "openssl", "cryptography");

    /** Properties a user's guess makes unambiguous, to the property they mean. */
    static final Map<String, String> ALIASES = Map.of("fips.skip.verify", "fips.verify.skip", "fips.verify.skipVerify", "fips.verify.skip");

    /** One thing found: a message with the fix, and whether it stops the goal. */
    record Finding(String message, boolean error) {
    }

    private SettingsCheck() {
    }

    /**
     * @param goal          the goal running, e.g. {@code build}
     * @param parameters    this goal's parameters: name to type ({@code boolean}, {@code java.lang.String}, ...)
     * @param properties    this goal's parameters: name to {@code fips.*} property (those that have one)
     * @param allProperties every {@code fips.*} property of every goal of the plugin, to its parameter name
     * @param allParameters every parameter name of every goal of the plugin (the pom's {@code <configuration>} is
     *                      shared by the goals, so an element is unknown only when no goal has it)
     * @param execution     the goal's configuration as Maven injects it (the pom's elements, else ${property})
     * @param user          the {@code -D} user properties of this run
     */
    static List<Finding> check(String goal, Map<String, String> parameters, Map<String, String> properties,
                               Map<String, String> allProperties, Set<String> allParameters, Xpp3Dom execution,
                               Properties user) {
        List<Finding> out = new ArrayList<>();
        Set<String> aliases = ALIASES.keySet();
        for (String key : new TreeSet<>(user.stringPropertyNames())) {
            if (!key.startsWith("fips.") || allProperties.containsKey(key) || aliases.contains(key)) {
                continue;
            }
            String near = nearest(key, allProperties.keySet());
            boolean deciding = near != null && FIPS_DECIDING.contains(allProperties.get(near));
            out.add(new Finding("-D" + key + " is not a python-fips property" + (near == null ? "." : ": did you mean -D" + near + "?")
                    + (deciding ? " It decides FIPS behaviour, so the goal stops rather than build with the default."
                    : " It is ignored.") + " (mvn fips:help -Ddetail lists every property.)", deciding));
        }
        if (execution != null) {
            for (Xpp3Dom child : execution.getChildren()) {
                String name = child.getName();
                if (parameters.containsKey(name) || allParameters.contains(name)) {
                    continue;
                }
                String near = nearest(name, allParameters);
                boolean deciding = near != null && FIPS_DECIDING.contains(near);
                out.add(new Finding("<" + name + "> is not a parameter of any python-fips goal" + (near == null ? "." : ": did you mean <" + near + ">?")
                        + (deciding ? " It decides FIPS behaviour, so the goal stops rather than build with the default."
                        : " It is ignored.") + " (mvn fips:help -Ddetail lists every parameter.)", deciding));
            }
        }
        parameters.forEach((name, type) -> {
            if (!type.equals("boolean") && !type.equals("java.lang.Boolean")) {
                return;
            }
            String property = properties.get(name);
            Xpp3Dom element = execution == null ? null : execution.getChild(name);
            String raw = element != null && element.getValue() != null && !element.getValue().trim().startsWith("${")
                    ? element.getValue().trim() : property == null ? null : user.getProperty(property);
            String where = element != null && raw != null && !element.getValue().trim().startsWith("${")
                    ? "<" + name + ">" : "-D" + property;
            if (raw != null && !raw.isEmpty() && !raw.toLowerCase(Locale.ROOT).matches("true|false")) {
                out.add(new Finding(where + "=" + raw + " is not true or false (Maven would read it as false): write true or false", true));
            }
        });
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            String given = user.getProperty(alias.getKey());
            if (given != null && !given.toLowerCase(Locale.ROOT).matches("true|false|")) {
                out.add(new Finding("-D" + alias.getKey() + "=" + given + " is not true or false: write true or false", true));
            }
        }
        return out;
    }

    /** The alias given as true in {@code user} for {@code property}, if any (e.g. -Dfips.skip.verify for fips.verify.skip). */
    static boolean aliasTrue(Properties user, String property) {
        return ALIASES.entrySet().stream().anyMatch(a -> a.getValue().equals(property)
                && Boolean.parseBoolean(user.getProperty(a.getKey(), "false").trim()));
    }

    /**
     * The known name nearest to {@code name}: the one made of the same words in another order
     * ({@code fips.fetchSources} for {@code fips.sources.fetch}), else the nearest by edit distance (case-insensitive)
     * if near enough to be a typo.
     */
    static String nearest(String name, Set<String> known) {
        Set<String> words = words(name);
        for (String k : new TreeSet<>(known)) {
            if (words(k).equals(words)) {
                return k;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // a typo or a singular/plural: at most a third of the name differs
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static Set<String> words(String name) {
        Set<String> out = new TreeSet<>();
        for (String w : name.split("[.\\-_]|(?<=[a-z0-9])(?=[A-Z])")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
