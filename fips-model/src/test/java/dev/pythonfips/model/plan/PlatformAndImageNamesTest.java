package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformAndImageNamesTest {

    @Test
    void parsesPlatforms() {
        assertThat(Platform.parse("linux/arm64")).isEqualTo(new Platform("linux", "arm64", ""));
        assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
        assertThat(Platform.tryParse("amd64")).isEmpty();
        assertThat(Platform.tryParse("linux/amd64;id")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"python-fips:3.11.9-rocky9-openssl3.0.9", "registry.example.com:5000/team/python-fips:1",
            "local/debian:bookworm", "docker.io/rockylinux/rockylinux:9-minimal", "cgr.dev/chainguard/wolfi-base:latest",
            "debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsValidReferences(String ref) {
        assertThat(ImageNames.isValidReference(ref)).as(ref).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Python-FIPS:1", "python fips:1", "python-fips:1;rm -rf /", "python-fips:$(id)",
            "python-fips:1\nRUN id", "-python:1", "python-fips:", "a//b:1", "python-fips:1 AS build"})
    void rejectsInvalidOrInjectingReferences(String ref) {
        assertThat(ImageNames.isValidReference(ref)).as(ref).isFalse();
    }

    @Test
    void expandsPlaceholdersAndAddsTheIdTagWhenThePatternHasNoTag() {
        Version py = Version.parse("3.12.3");
        Version lib = Version.parse("3.0.9");
        assertThat(ImageNames.expand("registry.local:5000/fips/python:{pythonMinor}-{distro}", "x", py, "wolfi", lib, lib))
                .isEqualTo("registry.local:5000/fips/python:3.12-wolfi");
        assertThat(ImageNames.expand("registry.local:5000/fips/python", "3.12.3-wolfi-openssl3.0.9", py, "wolfi", lib, lib))
                .isEqualTo("registry.local:5000/fips/python:3.12.3-wolfi-openssl3.0.9");
        assertThat(ImageNames.unknownPlaceholders("x:{python}-{arch}-{id}")).containsExactly("{arch}");
    }
}
