package dev.pythonfips.maven;

import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Precedence of a parameter's value, as Maven applies it: an element in the pom's {@code <configuration>} beats the
 * {@code -D} user property, which beats the descriptor's default. (The matrix overrides -Dfips.pythons, -Dfips.distros,
 * -Dfips.openssl, -Dfips.fipsProvider and -Dfips.platforms are parameters of their own and beat {@code <matrix>}: see
 * {@link AbstractPlanningMojo}.) So a {@code -Dfips.policy=...} given while the pom sets {@code <policy>} does nothing;
 * this finds each such property, so the goal can say so instead of silently building something else.
 */
final class ShadowedProperties {

    private ShadowedProperties() {
    }

    /**
     * One message per user property the pom's configuration shadows.
     *
     * @param properties the user property of each parameter, by parameter name ({@code policy -> fips.policy})
     * @param execution  the goal's configuration as Maven will inject it: the pom's elements, else
     *                   {@code ${property}} (the descriptor's expression)
     * @param user       the {@code -D} user properties of this run
     */
    static List<String> find(Map<String, String> properties, Xpp3Dom execution, Properties user) {
        List<String> out = new ArrayList<>();
        if (execution == null || user == null) {
            return out;
        }
        properties.forEach((parameter, property) -> {
            String given = user.getProperty(property);
            Xpp3Dom element = execution.getChild(parameter);
            if (given == null || element == null) {
                return;
            }
            String value = element.getValue();
            boolean fromPom = element.getChildCount() > 0 || (value != null && !value.trim().equals("${" + property + "}"));
            if (fromPom && !given.equals(value == null ? null : value.trim())) {
                String pom = element.getChildCount() > 0 ? "<" + parameter + "> (" + element.getChildCount() + " entries)"
                        : "<" + parameter + ">" + value.trim() + "</" + parameter + ">";
                out.add("-D" + property + "=" + given + " is ignored: the pom's plugin <configuration> sets " + pom
                        + ", and Maven gives the pom precedence over -D properties; remove <" + parameter + "> from the pom,"
                        + " or write <" + parameter + ">${" + property + "}</" + parameter + "> there with a default in <properties>,"
                        + " to choose it per run");
            }
        });
        return out;
    }
}
