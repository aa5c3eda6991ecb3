package dev.pythonfips.model;

import java.util.Optional;

/**
 * The Maven plugin's wording (fips-maven-plugin MavenWording: XML elements, -Dfips.&lt;option&gt;), as a stand-in for
 * the model's own tests; the plugin's MavenWordingTest checks that the real one words problems the same way.
 */
final class PomWording implements Wording {

    static final Wording INSTANCE = new PomWording();

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

    @Override
    public Optional<String> property(String option) {
        return Optional.of("fips." + option);
    }
}
