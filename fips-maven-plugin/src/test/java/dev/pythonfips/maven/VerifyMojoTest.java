package dev.pythonfips.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fips:verify works from the generated matrix.json (no matrix configuration), and says so when it is missing. */
class VerifyMojoTest {

    @TempDir
    Path tmp;

    @Test
    void withoutGeneratedCellsVerifySaysWhatToRunFirstBeforeTouchingDocker() {
        VerifyMojo mojo = new VerifyMojo();
        mojo.outputDirectory = tmp.resolve("fips").toFile();
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("fips:verify checks the cells of " + tmp.resolve("fips") + File.separator + "matrix.json")
                .hasMessageContaining("run fips:generate or fips:build");
    }

    @Test
    void fipsCellsSelectsFromTheGeneratedCells() throws Exception {
        Path out = tmp.resolve("fips");
        Files.createDirectories(out);
        Files.writeString(out.resolve("matrix.json"), """
                {"generator": "python-fips", "cells": [{"id": "3.12.3-debian12-openssl3.1.2", "python": "3.12.3",
                  "distro": "debian12", "openssl": "3.1.2", "fipsProvider": "3.1.2", "platforms": ["linux/amd64"],
                  "image": "python-fips:3.12.3-debian12-openssl3.1.2", "prefix": "/opt/python-fips"}]}
                """);
        VerifyMojo mojo = new VerifyMojo();
        mojo.outputDirectory = out.toFile();
        mojo.cells = "3.11.*";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("\"3.11.*\" matches no cell").hasMessageContaining("3.12.3-debian12-openssl3.1.2");
    }
}
