package dev.pythonfips.maven;

import dev.pythonfips.model.Wording;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How this plugin's configuration is written, handed to fips-model so its problems name what the user wrote: pom
 * elements ({@code <matrix><python>}, {@code <images><image>[2]}, {@code <policy>strict</policy>}) and the user
 * property of each parameter as the plugin descriptor declares it ({@code -Dfips.policy=strict},
 * {@code -Dfips.sources.fetch=false}), so a renamed property can never leave a stale hint behind.
 */
final class MavenWording implements Wording {

    private final Map<String, String> properties;
    /** The parameters the pom sets (this plugin's configuration elements). */
    private final Set<String> inPom;
    /** The user properties given on the command line ({@code -Dfips.uid=...}). */
    private final Set<String> onCommandLine;

    /** @param properties user property of each parameter, by parameter name ({@code policy -> fips.policy}) */
    MavenWording(Map<String, String> properties) {
        this(properties, Set.of(), Set.of());
    }

    /**
     * A wording that names each setting the way the user gave it: {@code <uid>} when the pom sets it, {@code -Dfips.uid}
     * when only the command line does, and both ways when neither (a default the user may change either way).
     */
    MavenWording(Map<String, String> properties, Set<String> inPom, Set<String> onCommandLine) {
        this.properties = Map.copyOf(properties);
        this.inPom = Set.copyOf(inPom);
        this.onCommandLine = Set.copyOf(onCommandLine);
    }

    /** The same wording, told what the pom and the command line set. */
    MavenWording given(Set<String> pomElements, Set<String> userProperties) {
        return new MavenWording(properties, pomElements, userProperties);
    }

    /** The -D property the user gave for {@code parameter} and the pom does not override, if any. */
    private Optional<String> givenOnCommandLine(String parameter) {
        return inPom.contains(parameter) ? Optional.empty() : property(parameter).filter(onCommandLine::contains);
    }

    /** From the descriptor Maven loaded this plugin with; without one (unit tests), from the descriptor on the class path. */
    static MavenWording of(PluginDescriptor descriptor) {
        PluginDescriptor d = descriptor != null && descriptor.getMojos() != null ? descriptor : fromClassPath();
        Map<String, String> properties = new TreeMap<>();
        for (MojoDescriptor mojo : d.getMojos()) {
            propertiesOf(mojo).forEach(properties::putIfAbsent);
        }
        return new MavenWording(properties);
    }

    /** The {@code fips.*} user property of each parameter of one goal, by parameter name. */
    static Map<String, String> propertiesOf(MojoDescriptor mojo) {
        Map<String, String> out = new TreeMap<>();
        PlexusConfiguration conf = mojo == null ? null : mojo.getMojoConfiguration();
        if (conf == null) {
            return out;
        }
        for (PlexusConfiguration c : conf.getChildren()) {
            String expression = c.getValue(null);
            if (expression != null && expression.startsWith("${fips.") && expression.endsWith("}")) {
                out.put(c.getName(), expression.substring(2, expression.length() - 1));
            }
        }
        return out;
    }

    private static PluginDescriptor fromClassPath() {
        try (InputStream in = MavenWording.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/maven/plugin.xml is not on the class path");
            }
            return new PluginDescriptorBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read this plugin's descriptor: " + e.getMessage(), e);
        }
    }

    /** The user property of a parameter, e.g. {@code fips.sources.fetch} for {@code fetchSources}. */
    @Override
    public Optional<String> property(String parameter) {
        return Optional.ofNullable(properties.get(parameter));
    }

    /** The goal of this plugin that does {@code step}: {@code fips:build}. */
    @Override
    public String goal(String step) {
        return "fips:" + step;
    }

    @Override
    public String configuration() {
        return "the pom";
    }

    @Override
    public String element(String name) {
        return givenOnCommandLine(name).map(p -> "-D" + p).orElse("<" + name + ">");
    }

    /** What the user wrote: the pom element, or the -D property; both ways for a setting the user did not give. */
    @Override
    public String setting(String option) {
        if (inPom.contains(option) || givenOnCommandLine(option).isPresent()) {
            return element(option);
        }
        return "<" + option + ">" + property(option).map(p -> " (" + p + ")").orElse("");
    }

    @Override
    public String child(String parent, String name) {
        return parent + "<" + name + ">";
    }

    @Override
    public String item(String list, String item, int index) {
        return list.startsWith("-D") ? list + " (item " + index + ")" : list + "<" + item + ">[" + index + "]";
    }

    @Override
    public String value(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">";
    }

    @Override
    public Optional<String> commandLine(String option, String value) {
        return property(option).map(p -> "-D" + p + "=" + value);
    }

    @Override
    public String proxySettings() {
        return "Maven's proxy settings (settings.xml <proxies>)";
    }

    @Override
    public String offlineMode() {
        return "offline mode (-o)";
    }
}
