package dev.pythonfips.model;

import java.util.Optional;

/**
 * The Maven plugin's wording (fips-maven-plugin MavenWording: XML elements, -Dfips.&lt;option&gt;), as a stand-in for
 * the model's own tests; the plugin's MavenWordingTest checks that the real one words problems the same way.
 */
public final class PomWording implements Wording {

    public static final Wording INSTANCE = new PomWording();

    @Override
    public String element(String name) {
        return "<" + name + ">";
    }

    @Override
    public String child(String parent, String name) {
        return parent + "<" + name + ">";
    }

    @Override
    public String item(String list, String item, int index) {
        return list + "<" + item + ">[" + index + "]";
    }

    @Override
    public String value(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">";
    }

    /** The user properties that are not {@code fips.<parameter>} (the plugin's descriptor declares them so). */
    private static final java.util.Map<String, String> PROPERTIES = java.util.Map.of("pushRegistry", "fips.push.registry",
            "pushTags", "fips.push.tags", "fetchSources", "fips.sources.fetch", "skipVerify", "fips.verify.skip");

    @Override
    public Optional<String> property(String option) {
        return Optional.of(PROPERTIES.getOrDefault(option, "fips." + option));
    }

    @Override
    public Optional<String> commandLine(String option, String value) {
        return property(option).map(p -> "-D" + p + "=" + value);
    }

    @Override
    public String goal(String step) {
        return "fips:" + step;
    }

    @Override
    public String configuration() {
        return "the pom";
    }
}
