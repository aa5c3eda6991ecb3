package dev.pythonfips.maven;

import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/parameters.md is generated from the mojos' annotations and javadoc (the plugin descriptor), so the parameter
 * tables of the documentation have one source: this test fails when the file is not what the descriptor gives
 * (regenerate it with {@code -Dparameters.update=true}), and when docs/reference.md, which explains the DSL, names a
 * {@code fips.*} property no goal has.
 */
class ParameterReferenceTest {

    static final Path PARAMETERS = Path.of("../docs/parameters.md");
    static final Path REFERENCE = Path.of("../docs/reference.md");

    static PluginDescriptor descriptor() throws Exception {
        try (var in = ParameterReferenceTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            return new PluginDescriptorBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** The first sentence of a javadoc description, as plain text on one line. */
    static String summary(String html) {
        // {@code ...} arrives as <code>...</code> (its text may hold pom elements): keep it, as Markdown code
        Matcher code = Pattern.compile("<code>(.*?)</code>", Pattern.DOTALL).matcher(html);
        StringBuilder kept = new StringBuilder();
        while (code.find()) {
            code.appendReplacement(kept, Matcher.quoteReplacement("`" + code.group(1) + "`"));
        }
        code.appendTail(kept);
        String text = kept.toString().replaceAll("</?(p|a|em|strong|i|b|ul|li|br)\\b[^>]*>", "").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&").replace("&#64;", "@")
                .replaceAll("\\s+", " ").trim();
        // the first sentence: up to a period followed by a capital (not "e.g. an", not "3.1.2")
        Matcher m = Pattern.compile("^(.+?\\.)(\\s+[A-Z(]|$)").matcher(text);
        String first = m.find() ? m.group(1) : text;
        // pom elements and -D options as code, so Markdown shows them as written
        first = first.replaceAll("(?<!`)(<[^\\s<>`]+>(?:[^\\s<>`]*<[^\\s<>`]+>)*)(?!`)", "`$1`")
                .replaceAll("(?<![`\\w])(-D[\\w.]+(?:=[^\\s,;)`]+)?)", "`$1`");
        return first.replace("|", "\\|");
    }

    static String render(PluginDescriptor plugin) {
        StringBuilder out = new StringBuilder();
        out.append("# Parameters of every goal\n\n");
        out.append("Generated from the mojos' annotations and javadoc (the plugin descriptor) by `ParameterReferenceTest`:\n");
        out.append("do not edit; after changing a parameter run `./mvnw -B test -pl fips-maven-plugin -am -Dtest=ParameterReferenceTest\n");
        out.append("-Dsurefire.failIfNoSpecifiedTests=false -Dparameters.update=true`. Each description is the javadoc's first\n");
        out.append("sentence; `mvn fips:help -Ddetail -Dgoal=GOAL` prints all of it, and [the reference](reference.md) explains the\n");
        out.append("DSL. A property sets the parameter for one run (`-Dfips.policy=strict`); a value in the pom wins over it.\n");
        List<MojoDescriptor> mojos = new ArrayList<>(plugin.getMojos());
        mojos.sort(Comparator.comparing(MojoDescriptor::getGoal));
        for (MojoDescriptor mojo : mojos) {
            if (mojo.getGoal().equals("help")) {
                continue;
            }
            out.append("\n## fips:").append(mojo.getGoal()).append("\n\n");
            out.append(summary(mojo.getDescription())).append(mojo.getPhase() == null ? "" : " Default phase: `" + mojo.getPhase() + "`.")
                    .append("\n\n");
            out.append("| element | property | default | description |\n|---|---|---|---|\n");
            Map<String, String> properties = MavenWording.propertiesOf(mojo);
            PlexusConfiguration conf = mojo.getMojoConfiguration();
            List<Parameter> parameters = new ArrayList<>(mojo.getParameters());
            parameters.sort(Comparator.comparing(Parameter::getName));
            for (Parameter p : parameters) {
                if (!p.isEditable()) {
                    continue;
                }
                String def = conf == null || conf.getChild(p.getName(), false) == null ? null
                        : conf.getChild(p.getName(), false).getAttribute("default-value", null);
                out.append("| `<").append(p.getName()).append(">` | ")
                        .append(properties.containsKey(p.getName()) ? "`" + properties.get(p.getName()) + "`" : "–").append(" | ")
                        .append(def == null || def.isEmpty() ? "–" : "`" + def + "`").append(" | ")
                        .append(summary(p.getDescription() == null ? "" : p.getDescription())).append(" |\n");
            }
        }
        return out.toString();
    }

    @Test
    void docsParametersMdIsWhatTheDescriptorGives() throws Exception {
        String rendered = render(descriptor());
        if (Boolean.getBoolean("parameters.update")) {
            Files.writeString(PARAMETERS, rendered);
        }
        assertThat(PARAMETERS).as("docs/parameters.md is generated: run this test with -Dparameters.update=true").exists();
        assertThat(Files.readString(PARAMETERS)).isEqualTo(rendered);
        assertThat(rendered).contains("## fips:assemble", "`fips.push.perPlatform`", "`fips.verify.timeout`");
    }

    @Test
    void theReferenceNamesOnlyPropertiesAGoalHas() throws Exception {
        Set<String> known = new TreeSet<>();
        for (MojoDescriptor mojo : descriptor().getMojos()) {
            known.addAll(MavenWording.propertiesOf(mojo).values());
        }
        Set<String> named = new TreeSet<>();
        // as a -D option, or in a table's property column (one or a comma list of them)
        Matcher m = Pattern.compile("(?:-D|\\| `|, `)(fips\\.[a-zA-Z.]+[a-zA-Z])").matcher(Files.readString(REFERENCE));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("properties docs/reference.md names").isNotEmpty();
        assertThat(named).allSatisfy(p -> assertThat(known).as("no goal has %s", p).contains(p));
    }
}
