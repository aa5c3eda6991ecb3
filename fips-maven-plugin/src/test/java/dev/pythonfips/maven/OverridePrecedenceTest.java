package dev.pythonfips.maven;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.plan.FipsSpec;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where a value comes from. Maven injects a parameter from the pom's {@code <configuration>}, else from its -D user
 * property, else from the descriptor's default (the defaults themselves: PluginDescriptorTest). On top of that the
 * plugin's own rule: -Dfips.pythons, -Dfips.distros, -Dfips.openssl, -Dfips.fipsProvider and -Dfips.platforms are
 * parameters of their own that beat the fields of {@code <matrix>} (AbstractPlanningMojo#spec), and are named as
 * such in problems. The mojo is built directly, its fields set as Maven would inject them.
 */
class OverridePrecedenceTest {

    private static GenerateMojo pomWithMatrix() {
        GenerateMojo m = new GenerateMojo();
        m.matrix = new Matrix();
        m.matrix.pythons = new ArrayList<>(List.of("3.11.9", "3.12.3"));
        m.matrix.distros = new ArrayList<>(List.of("rocky9"));
        m.matrix.openssl = "3.0.9";
        m.matrix.fipsProvider = "3.0.9";
        m.matrix.platforms = new ArrayList<>(List.of("linux/amd64"));
        return m;
    }

    @Test
    void thePomsMatrixIsUsedAsWrittenWhenNothingIsGivenOnTheCommandLine() throws Exception {
        FipsSpec.MatrixSpec m = pomWithMatrix().spec().matrix();
        assertThat(m.pythons()).containsExactly("3.11.9", "3.12.3");
        assertThat(m.distros()).containsExactly("rocky9");
        assertThat(m.openssl()).isEqualTo("3.0.9");
        assertThat(m.platforms()).containsExactly("linux/amd64");
        assertThat(m.origins()).isEmpty();
    }

    @Test
    void everyMatrixOverrideBeatsItsMatrixFieldAndSaysWhereItCameFrom() throws Exception {
        GenerateMojo mojo = pomWithMatrix();
        mojo.pythons = "3.13.5, 3.14.10";
        mojo.distros = "debian12";
        mojo.openssl = "3.1.2";
        mojo.fipsProvider = "3.1.2";
        mojo.platforms = "linux/amd64,linux/arm64";
        FipsSpec.MatrixSpec m = mojo.spec().matrix();
        assertThat(m.pythons()).containsExactly("3.13.5", "3.14.10");
        assertThat(m.distros()).containsExactly("debian12");
        assertThat(m.openssl()).isEqualTo("3.1.2");
        assertThat(m.fipsProvider()).isEqualTo("3.1.2");
        assertThat(m.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(m.origins()).containsEntry("python", "-Dfips.pythons").containsEntry("distro", "-Dfips.distros")
                .containsEntry("openssl", "-Dfips.openssl=3.1.2").containsEntry("platforms", "-Dfips.platforms=linux/amd64,linux/arm64");
    }

    @Test
    void anOverrideOfOneFieldLeavesTheOtherMatrixFieldsAlone() throws Exception {
        GenerateMojo mojo = pomWithMatrix();
        mojo.pythons = "3.12.3";
        FipsSpec.MatrixSpec m = mojo.spec().matrix();
        assertThat(m.pythons()).containsExactly("3.12.3");
        assertThat(m.distros()).containsExactly("rocky9");
        assertThat(m.openssl()).isEqualTo("3.0.9");
        assertThat(m.origins()).containsOnlyKeys("python");
    }

    @Test
    void aBadCommandLineValueIsBlamedOnTheCommandLineNotOnThePom() {
        GenerateMojo mojo = pomWithMatrix();
        mojo.pythons = "garbage";
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class,
                () -> new dev.pythonfips.model.plan.MatrixPlanner(dev.pythonfips.model.catalog.Catalog.builtIn(), java.time.LocalDate.of(2026, 11, 23),
                        MavenWording.of(null)).plan(mojo.spec()));
        assertThat(e.problems()).extracting(Problem::element).containsExactly("-Dfips.pythons (garbage)");
    }

    @Test
    void matrixOverridesWithoutAMatrixAreRefusedNotIgnored() {
        GenerateMojo mojo = new GenerateMojo();
        mojo.images = new ArrayList<>(List.of(new Image()));
        mojo.openssl = "3.5.7";
        mojo.platforms = "linux/arm64";
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class, mojo::spec);
        assertThat(e.problems()).extracting(Problem::element).containsExactly("-Dfips.openssl=3.5.7", "-Dfips.platforms=linux/arm64");
        // -Dfips.pythons and -Dfips.distros make a matrix of their own: the others then apply
        mojo.pythons = "3.12.3";
        mojo.distros = "debian12";
        mojo.fipsProvider = "3.5.7";
        assertThat(catchThrowableOfType(FipsConfigException.class, mojo::spec)).isNull();
    }

    @Test
    void theOptionsAreWhatWasInjectedAndTheModelDefaultsFillTheRest() throws Exception {
        GenerateMojo mojo = pomWithMatrix();
        mojo.policy = "allow-non-security";     // from the pom (or -Dfips.policy when the pom does not set it)
        mojo.builtinHashes = "all";
        mojo.keepTests = true;
        mojo.pip = false;
        mojo.extraPackages = new ArrayList<>(List.of("tzdata"));
        FipsSpec.Options o = mojo.spec().options();
        assertThat(o.policy()).isEqualTo("allow-non-security");
        assertThat(o.builtinHashes()).isEqualTo("all");
        assertThat(o.keepTests()).isTrue();
        assertThat(o.pip()).isFalse();
        assertThat(o.extraPackages()).containsExactly("tzdata");
        // nothing injected (Maven always injects the descriptor's default; PluginDescriptorTest: the same values)
        assertThat(o.prefix()).isEqualTo(FipsSpec.Options.DEFAULT_PREFIX);
        assertThat(o.uid()).isEqualTo(FipsSpec.Options.DEFAULT_UID);
        assertThat(o.fipsInstall()).isEqualTo("build");
        assertThat(o.optimizations()).isEqualTo("pgo-lto");
    }

    private static Xpp3Dom execution(Map<String, Object> children) {
        Xpp3Dom conf = new Xpp3Dom("configuration");
        children.forEach((name, value) -> {
            Xpp3Dom c = new Xpp3Dom(name);
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    Xpp3Dom i = new Xpp3Dom("item");
                    i.setValue(String.valueOf(item));
                    c.addChild(i);
                }
                c.setValue("${fips." + name + "}"); // Maven merges the descriptor's expression in as well
            } else {
                c.setValue(String.valueOf(value));
            }
            conf.addChild(c);
        });
        return conf;
    }

    @Test
    void aUserPropertyThePomShadowsIsReportedNotSilentlyIgnored() {
        Properties user = new Properties();
        user.setProperty("fips.policy", "allow-non-security");
        user.setProperty("fips.imageName", "other:{id}");
        user.setProperty("fips.sources.fetch", "false");
        user.setProperty("fips.mirrors", "file:/mirror");
        user.setProperty("fips.uid", "20000");
        Map<String, String> properties = Map.of("policy", "fips.policy", "imageName", "fips.imageName",
                "fetchSources", "fips.sources.fetch", "mirrors", "fips.mirrors", "uid", "fips.uid");
        Xpp3Dom execution = execution(Map.of(
                "policy", "strict",                      // the pom sets it: the -D loses
                "imageName", "${fips.imageName}",        // the pom does not: the -D wins, nothing to say
                "fetchSources", "false",                 // the pom says the same: nothing to say
                "mirrors", List.of("upstream"),          // a list in the pom: the -D loses
                "uid", "${fips.uid}"));
        List<String> warnings = ShadowedProperties.find(properties, execution, user);
        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(w -> assertThat(w)
                .startsWith("-Dfips.policy=allow-non-security is ignored: the pom's plugin <configuration> sets <policy>strict</policy>")
                .contains("write <policy>${fips.policy}</policy>"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("-Dfips.mirrors=file:/mirror is ignored").contains("<mirrors> (1 entries)"));
        assertThat(ShadowedProperties.find(properties, execution, new Properties())).as("no -D, no warning").isEmpty();
    }
}
