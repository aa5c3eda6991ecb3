package dev.pythonfips.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {

    @Test
    void parsesPythonAndOpensslVersions() {
        assertThat(Version.parse("3.11.9")).isEqualTo(new Version(3, 11, 9, ""));
        assertThat(Version.parse("1.0.2u").letter()).isEqualTo("u");
        assertThat(Version.parse("3.12.3").minorLine()).isEqualTo("3.12");
    }

    @Test
    void ordersNumericallyNotLexically() {
        assertThat(Version.parse("3.0.10")).isGreaterThan(Version.parse("3.0.9"));
        assertThat(Version.parse("1.0.2u")).isGreaterThan(Version.parse("1.0.2k")).isLessThan(Version.parse("1.1.1"));
        assertThat(Version.parse("3.10.0").atLeast(3, 10, 0)).isTrue();
        assertThat(Version.parse("3.9.19").isBefore(3, 10, 0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.11", "3", "v3.11.9", "3.11.9-rc1", "3.11.9;rm -rf /", "03.1.1", "", "1.0.2UU", "3.11.9 x"})
    void rejectsAnythingButAFinalRelease(String text) {
        assertThat(Version.tryParse(text)).isEmpty();
    }
}
