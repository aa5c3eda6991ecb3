package dev.pythonfips.maven;

import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.plan.FipsSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code mvn fips:help -Ddetail -Dgoal=...} shows is the generated plugin descriptor
 * ({@code target/classes/META-INF/maven/plugin.xml}, written by maven-plugin-plugin before the tests run): each goal
 * lists exactly the parameters it uses, so the parameter inheritance of the mojos is checked here.
 */
class PluginDescriptorTest {

    /** Used only to plan and generate from the pom: fips:verify works from target/fips/matrix.json instead. */
    private static final Set<String> GENERATE_ONLY = Set.of("matrix", "pythons", "distros", "openssl", "fipsProvider",
            "platforms", "images", "excludes", "imageName", "baseImages", "labels", "prefix", "policy", "builtinHashes",
            "fipsCertificates", "fipsInstall", "allowUnvalidatedProvider", "cryptography", "pipIndexUrl", "extraPackages",
            "keepTests", "pip", "optimizations", "pgoTraining", "interpreterLinkage", "uid", "sources", "mirrors", "fetchSources", "cacheDir");
    /** Used only to run fabric8 (fips:build, fips:push). */
    private static final Set<String> FABRIC8_ONLY = Set.of("dockerMavenPluginVersion", "network", "buildArgs", "noCache", "showOutput");
    /** Used only by the conformance run (fips:verify, and fips:build which ends with it). */
    private static final Set<String> VERIFY_ONLY = Set.of("skipVerify", "reportDirectory", "verifyTimeout", "cpythonTests",
            "cpythonTestModules", "pullByDigest", "allowUnverifiedPlatforms");

    /** A parameter as the descriptor declares it for one goal. */
    record Param(String name, String property, String defaultValue, String type) {
    }

    static Map<String, Map<String, Param>> goals() throws Exception {
        Path xml = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertThat(xml).as("maven-plugin-plugin writes the descriptor before the tests").isRegularFile();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(xml));
        Map<String, Map<String, Param>> out = new TreeMap<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            Map<String, Param> params = new TreeMap<>();
            Element parameters = child(mojo, "parameters");
            Element configuration = child(mojo, "configuration");
            for (Node n = parameters.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element p) {
                    String name = text(p, "name");
                    Element conf = configuration == null ? null : child(configuration, name);
                    String expression = conf == null ? "" : conf.getTextContent().trim();
                    String property = expression.startsWith("${") && expression.endsWith("}")
                            && !expression.startsWith("${project") && !expression.startsWith("${session")
                            && !expression.startsWith("${settings") && !expression.startsWith("${plugin")
                            ? expression.substring(2, expression.length() - 1) : null;
                    params.put(name, new Param(name, property, conf == null || !conf.hasAttribute("default-value") ? null
                            : conf.getAttribute("default-value"), text(p, "type")));
                }
            }
            out.put(goal, params);
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    @Test
    void verifyListsOnlyWhatVerifyUses() throws Exception {
        Set<String> verify = goals().get("verify").keySet();
        assertThat(verify).as("fips:verify works from target/fips/matrix.json: no matrix, sources or build options")
                .doesNotContainAnyElementsOf(GENERATE_ONLY)
                .doesNotContainAnyElementsOf(FABRIC8_ONLY)
                .containsAll(VERIFY_ONLY)
                .contains("skip", "cells", "outputDirectory", "binfmtDirectory");
    }

    @Test
    void everyGoalListsOnlyWhatItUses() throws Exception {
        Map<String, Map<String, Param>> goals = goals();
        assertThat(goals.get("generate").keySet()).containsAll(GENERATE_ONLY)
                .doesNotContainAnyElementsOf(FABRIC8_ONLY).doesNotContainAnyElementsOf(VERIFY_ONLY);
        assertThat(goals.get("build").keySet()).containsAll(GENERATE_ONLY).containsAll(FABRIC8_ONLY).containsAll(VERIFY_ONLY);
        assertThat(goals.get("push").keySet()).containsAll(FABRIC8_ONLY).doesNotContainAnyElementsOf(VERIFY_ONLY)
                .doesNotContain("binfmtDirectory", "tags");
        for (String goal : List.of("sbom", "export")) {
            assertThat(goals.get(goal).keySet()).as(goal).doesNotContainAnyElementsOf(FABRIC8_ONLY).doesNotContainAnyElementsOf(VERIFY_ONLY);
        }
    }

    @Test
    void aParameterMeansTheSameInEveryGoal() throws Exception {
        // fips:build declares the conformance run's parameters again (it ends with it): they must not drift from fips:verify's
        Map<String, Param> first = new LinkedHashMap<>();
        goals().forEach((goal, params) -> {
            if (goal.equals("help")) {
                return;
            }
            params.values().forEach(p -> {
                Param seen = first.putIfAbsent(p.name(), p);
                if (seen != null) {
                    assertThat(p).as(goal + " " + p.name()).isEqualTo(seen);
                }
            });
        });
        assertThat(first.get("skipVerify").property()).isEqualTo("fips.verify.skip");
    }

    @Test
    void thePomDefaultsAreTheModelDefaults() throws Exception {
        // a parameter the pom does not set gets the descriptor's default; fips-model's defaults must say the same, so
        // that the plugin and the model (and the README) agree on what an empty configuration means
        Map<String, Param> generate = goals().get("generate");
        FipsSpec.Options defaults = FipsSpec.Options.defaults();
        assertThat(generate.get("prefix").defaultValue()).isEqualTo(defaults.prefix());
        assertThat(generate.get("policy").defaultValue()).isEqualTo(defaults.policy());
        assertThat(generate.get("fipsInstall").defaultValue()).isEqualTo(defaults.fipsInstall());
        assertThat(generate.get("uid").defaultValue()).isEqualTo(defaults.uid());
        assertThat(generate.get("optimizations").defaultValue()).isEqualTo(defaults.optimizations());
        assertThat(generate.get("interpreterLinkage").defaultValue()).isEqualTo(defaults.interpreterLinkage()).isEqualTo("executable-pie");
        // no descriptor default: the model's applies (regression-suite), and a value the pom gives is known to be given
        assertThat(generate.get("pgoTraining").defaultValue()).isNull();
        assertThat(defaults.pgoTraining()).isNull();
        assertThat(defaults.pgoTrainingOrDefault()).isEqualTo("regression-suite");
        assertThat(generate.get("builtinHashes").defaultValue()).isEqualTo(BuildChoices.BUILTIN_NONE).isEqualTo(defaults.builtinHashes());
        assertThat(generate.get("allowUnvalidatedProvider").defaultValue()).isEqualTo(String.valueOf(defaults.allowUnvalidatedProvider()));
        assertThat(generate.get("keepTests").defaultValue()).isEqualTo(String.valueOf(defaults.keepTests()));
        assertThat(generate.get("pip").defaultValue()).isEqualTo(String.valueOf(defaults.pip())).isEqualTo("true");
        assertThat(generate.get("imageName").defaultValue()).isEqualTo(dev.pythonfips.model.plan.ImageNames.DEFAULT_PATTERN);
        // the matrix overrides have no default: unset, they leave <matrix> alone
        for (String override : List.of("pythons", "distros", "openssl", "fipsProvider", "platforms")) {
            assertThat(generate.get(override).defaultValue()).as(override).isNull();
            assertThat(generate.get(override).property()).as(override).isEqualTo("fips." + override);
        }
    }
}
