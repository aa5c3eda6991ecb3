package dev.pythonfips.maven;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DockerCli.run against a stand-in docker client: timeouts stop it (and the container), output is read whole. */
class DockerCliTest {

    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        DockerCli.executable = "docker";
    }

    /** A docker stand-in that logs its arguments and, for "run", sleeps; "rm -f" is logged too. */
    private Path standIn(String runBody) throws IOException {
        Path log = tmp.resolve("calls.log");
        Path docker = tmp.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + log + "\ncase \"$1\" in\n  run) " + runBody + " ;;\n  *) exit 0 ;;\nesac\n");
        Files.setPosixFilePermissions(docker, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        DockerCli.executable = docker.toString();
        return log;
    }

    @Test
    void aHungRunIsStoppedAtTheTimeoutAndItsContainerRemoved() throws Exception {
        Path log = standIn("sleep 15");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DockerCli.run(List.of("run", "--rm", "img", "python3", "-c", "pass"), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("stopped after 2 s");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).as("returned at the timeout, not when the stand-in ended").isLessThan(10);
        List<String> calls = Files.readAllLines(log);
        assertThat(calls.get(0)).startsWith("run --name python-fips-").contains("--pull=never --rm img python3");
        String name = calls.get(0).split(" ")[2];
        assertThat(calls).contains("rm -f " + name);
    }

    @Test
    void outputIsReadWholeAndAGivenNameIsKept() throws Exception {
        Path log = standIn("i=0; while [ $i -lt 20000 ]; do echo line-$i; echo err-$i >&2; i=$((i+1)); done");
        DockerCli.Result r = DockerCli.run(List.of("run", "--name", "mine", "img"), 60);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().lines().count()).isEqualTo(20000);
        assertThat(r.stderr()).endsWith("err-19999\n");
        assertThat(Files.readAllLines(log).get(0)).isEqualTo("run --pull=never --name mine img");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> DockerCli.run(List.of("version"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DockerCli.run(List.of("version"), -5)).isInstanceOf(IllegalArgumentException.class);
    }
}
