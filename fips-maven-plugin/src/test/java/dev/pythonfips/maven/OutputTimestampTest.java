package dev.pythonfips.maven;

import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.plan.Plan;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** project.build.outputTimestamp (or -Dfips.outputTimestamp) becomes the build date of the generated contexts. */
class OutputTimestampTest {

    @TempDir
    Path tmp;

    private GenerateMojo mojo(String pomProperty, String parameter) {
        GenerateMojo m = new GenerateMojo();
        Image i = new Image();
        i.python = "3.12.3";
        i.distro = "debian12";
        i.openssl = "3.0.9";
        i.fipsProvider = "3.0.9";
        m.images = List.of(i);
        Model model = new Model();
        if (pomProperty != null) {
            model.getProperties().setProperty("project.build.outputTimestamp", pomProperty);
        }
        m.project = new MavenProject(model);
        m.outputTimestamp = parameter;   // what Maven injects: ${project.build.outputTimestamp} unless -Dfips.outputTimestamp
        m.fetchSources = false;
        m.outputDirectory = tmp.resolve("fips").toFile();
        return m;
    }

    @Test
    void theProjectsOutputTimestampIsTheBuildDateOfTheContext() throws Exception {
        GenerateMojo m = mojo("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        Plan plan = m.plan();
        assertThat(plan.options().sourceDateEpoch()).isEqualTo(1767225600L);
        m.generate(plan);
        String dockerfile = Files.readString(tmp.resolve("fips/3.12.3-debian12-openssl3.0.9/Dockerfile"));
        assertThat(dockerfile).contains("ARG SOURCE_DATE_EPOCH=1767225600\n")
                .contains(" org.opencontainers.image.created=\"2026-01-01T00:00:00Z\"");
    }

    @Test
    void withoutOutputTimestampTheFixedDefaultIsUsed() throws Exception {
        GenerateMojo m = mojo(null, null);
        assertThat(m.plan().options().sourceDateEpoch()).isEqualTo(SourceDateEpoch.DEFAULT);
    }

    @Test
    void anInvalidOutputTimestampNamesThePropertyAndTheFixWithEveryOtherProblem() {
        GenerateMojo m = mojo("last tuesday", "last tuesday");
        m.policy = "lenient";
        assertThatThrownBy(m::plan).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<project.build.outputTimestamp> = 'last tuesday': is neither an ISO-8601 date-time "
                        + "with an offset nor seconds since the epoch")
                .hasMessageContaining("fix: set it to an ISO-8601 date-time with an offset, e.g. 2026-01-01T00:00:00Z, "
                        + "or to seconds since the epoch, e.g. 1767225600")
                .hasMessageContaining("<policy>: unknown policy \"lenient\"");
    }

    @Test
    void aValueGivenAsTheFipsPropertyIsNamedAsSuch() {
        GenerateMojo m = mojo("2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z");
        assertThatThrownBy(m::plan).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<outputTimestamp> (fips.outputTimestamp, default ${project.build.outputTimestamp}) "
                        + "= '1970-01-01T00:00:00Z': is 1970-01-01T00:00:00Z, outside 1980-01-01T00:00:02Z .. 2099-12-31T23:59:59Z");
    }
}
