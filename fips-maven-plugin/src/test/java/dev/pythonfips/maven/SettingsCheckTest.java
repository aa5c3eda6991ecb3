package dev.pythonfips.maven;

import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCheckTest {

    static final Map<String, String> PARAMETERS = Map.of("policy", "java.lang.String", "pythons", "java.lang.String",
            "keepTests", "boolean", "fetchSources", "boolean", "skipVerify", "boolean");
    static final Map<String, String> PROPERTIES = Map.of("policy", "fips.policy", "pythons", "fips.pythons",
            "keepTests", "fips.keepTests", "fetchSources", "fips.sources.fetch", "skipVerify", "fips.verify.skip");
    static final Map<String, String> ALL = Map.of("fips.policy", "policy", "fips.pythons", "pythons", "fips.keepTests", "keepTests",
            "fips.sources.fetch", "fetchSources", "fips.verify.skip", "skipVerify", "fips.push.registry", "pushRegistry");
    static final Set<String> ALL_PARAMETERS = Set.of("policy", "pythons", "keepTests", "fetchSources", "skipVerify", "pushRegistry", "auditImages");

    static Xpp3Dom config(String... nameValue) {
        Xpp3Dom c = new Xpp3Dom("configuration");
        for (int i = 0; i < nameValue.length; i += 2) {
            Xpp3Dom e = new Xpp3Dom(nameValue[i]);
            e.setValue(nameValue[i + 1]);
            c.addChild(e);
        }
        return c;
    }

    static Properties user(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void typosGetTheNearestNameAndStopTheGoalOnlyNearAFipsSetting() {
        List<SettingsCheck.Finding> f = SettingsCheck.check("build", PARAMETERS, PROPERTIES, ALL, ALL_PARAMETERS,
                config("polcy", "allow-non-security", "auditImages", "app:1", "pythons", "${fips.pythons}"),
                user("fips.python", "3.13.5", "fips.fetchSources", "false", "fips.polciy", "strict", "fips.skip.verify", "true",
                        "fips.push.registry", "r", "maven.repo.local", "/x"));
        assertThat(f).extracting(SettingsCheck.Finding::message).containsExactly(
                "-Dfips.fetchSources is not a python-fips property: did you mean -Dfips.sources.fetch? It is ignored. (mvn fips:help -Ddetail lists every property.)",
                "-Dfips.polciy is not a python-fips property: did you mean -Dfips.policy? It decides FIPS behaviour, so the goal stops rather than build with the default. (mvn fips:help -Ddetail lists every property.)",
                "-Dfips.python is not a python-fips property: did you mean -Dfips.pythons? It is ignored. (mvn fips:help -Ddetail lists every property.)",
                "<polcy> is not a parameter of any python-fips goal: did you mean <policy>? It decides FIPS behaviour, so the goal stops rather than build with the default. (mvn fips:help -Ddetail lists every parameter.)");
        assertThat(f).extracting(SettingsCheck.Finding::error).containsExactly(false, true, false, true);
        // another goal's parameter in the shared <configuration>, another goal's -D property and the alias are fine
        assertThat(SettingsCheck.aliasTrue(user("fips.skip.verify", "true"), "fips.verify.skip")).isTrue();
        assertThat(SettingsCheck.aliasTrue(user("fips.skip.verify", "false"), "fips.verify.skip")).isFalse();
    }

    @Test
    void booleansThatAreNotTrueOrFalseAreRefusedWhereverWritten() {
        List<SettingsCheck.Finding> f = SettingsCheck.check("build", PARAMETERS, PROPERTIES, ALL, ALL_PARAMETERS,
                config("keepTests", "yes please", "fetchSources", "${fips.sources.fetch}"),
                user("fips.sources.fetch", "no", "fips.skip.verify", "maybe", "fips.verify.skip", "TRUE"));
        assertThat(f).extracting(SettingsCheck.Finding::message).containsExactlyInAnyOrder(
                "<keepTests>=yes please is not true or false (Maven would read it as false): write true or false",
                "-Dfips.sources.fetch=no is not true or false (Maven would read it as false): write true or false",
                "-Dfips.skip.verify=maybe is not true or false: write true or false");
        assertThat(f).allMatch(SettingsCheck.Finding::error);
    }

    @Test
    void nothingNearIsNotGuessed() {
        assertThat(SettingsCheck.nearest("fips.zzzzzzzz", ALL.keySet())).isNull();
        assertThat(SettingsCheck.nearest("fips.pythons", ALL.keySet())).isEqualTo("fips.pythons");
        assertThat(SettingsCheck.distance("kitten", "sitting")).isEqualTo(3);
    }
}
