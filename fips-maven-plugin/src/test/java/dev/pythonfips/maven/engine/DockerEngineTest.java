package dev.pythonfips.maven.engine;

import dev.pythonfips.model.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DockerEngine against a stand-in docker client: timeouts stop it (and the container), output is read whole, a run
 * never pulls and gets no network, each instance talks to its own engine.
 */
class DockerEngineTest {

    @TempDir
    Path tmp;

    private DockerEngine engine;

    /** A docker stand-in that logs its arguments and, for "run", sleeps; "rm -f" is logged too. */
    private Path standIn(String runBody) throws IOException {
        Path log = tmp.resolve("calls.log");
        Path docker = tmp.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + log + "\ncase \"$1\" in\n  run) " + runBody + " ;;\n  *) exit 0 ;;\nesac\n");
        Files.setPosixFilePermissions(docker, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        engine = new DockerEngine(null, docker.toString());
        return log;
    }

    @Test
    void aHungRunIsStoppedAtTheTimeoutAndItsContainerRemoved() throws Exception {
        Path log = standIn("sleep 15");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> engine.cli(List.of("run", "--rm", "img", "python3", "-c", "pass"), 2))
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
        ContainerEngine.Result r = engine.cli(List.of("run", "--name", "mine", "img"), 60);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().lines().count()).isEqualTo(20000);
        assertThat(r.stderr()).endsWith("err-19999\n");
        assertThat(Files.readAllLines(log).get(0)).isEqualTo("run --pull=never --name mine img");
    }

    @Test
    void aTimeoutMustBePositive() throws Exception {
        standIn("exit 0");
        assertThatThrownBy(() -> engine.cli(List.of("version"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.cli(List.of("version"), -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerEngine.Container.of("img", null, 0, List.of("true")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aContainerRunHasNoNetworkNeverPullsAndTakesItsInputAndPlatform() throws Exception {
        Path log = standIn("cat");
        ContainerEngine.Result r = engine.run(ContainerEngine.Container.of("sha256:abc", Platform.parse("linux/arm64"), 60,
                List.of("-I", "-")).withEntrypoint("python3").readOnlyRoot().withInput("/tmp", "print(1)".getBytes()));
        assertThat(r.stdout()).isEqualTo("print(1)");
        assertThat(Files.readAllLines(log).get(0)).matches("run --name python-fips-\\S+ --pull=never --rm --network none "
                + "--platform linux/arm64 --read-only --tmpfs /tmp --workdir /tmp -i --entrypoint python3 sha256:abc -I -");
    }

    @Test
    void aHungRunWithInputIsStoppedAndRemovedToo() throws Exception {
        Path log = standIn("sleep 15");
        assertThatThrownBy(() -> engine.run(ContainerEngine.Container.of("img", null, 2, List.of("x")).withInput("/", new byte[0])))
                .isInstanceOf(IOException.class).hasMessageContaining("stopped after 2 s");
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).contains("rm -f " + calls.get(0).split(" ")[2]);
    }

    @Test
    void eachEngineTalksToItsOwnHost() throws Exception {
        Path env = tmp.resolve("env.log");
        Path docker = tmp.resolve("docker-env");
        Files.writeString(docker, "#!/bin/sh\necho \"$DOCKER_HOST $DOCKER_TLS_VERIFY\" >> " + env + "\necho linux/amd64\n");
        docker.toFile().setExecutable(true);
        DockerEngine a = new DockerEngine("tcp://127.0.0.1:2375", docker.toString());
        DockerEngine b = new DockerEngine("https://127.0.0.1:2376", docker.toString());
        assertThat(a.platform()).isEqualTo(Platform.parse("linux/amd64"));
        b.platform();
        a.platform();
        assertThat(Files.readAllLines(env)).containsExactly("tcp://127.0.0.1:2375 ", "tcp://127.0.0.1:2376 1", "tcp://127.0.0.1:2375 ");
        assertThat(a.local()).isFalse();
        assertThat(new DockerEngine("unix:///var/run/docker.sock").local()).isTrue();
    }

    @Test
    void theCliSpeaksTlsWhereFabric8Does() throws Exception {
        // fabric8 0.48 (EnvUtil.convertTcpToHttpUrl): tcp:// is plain HTTP on :2375 only, HTTPS on any other port
        assertThat(DockerEngine.fabric8SpeaksTls("tcp://127.0.0.1:2375")).isFalse();
        assertThat(DockerEngine.fabric8SpeaksTls("tcp://build-arm64.example:2376")).isTrue();
        assertThat(DockerEngine.fabric8SpeaksTls("tcp://127.0.0.1:2378")).isTrue();
        assertThat(DockerEngine.fabric8SpeaksTls("https://127.0.0.1:2376")).isTrue();
        assertThat(DockerEngine.fabric8SpeaksTls("unix:///run/docker.sock")).isFalse();
        assertThat(DockerEngine.fabric8SpeaksTls(null)).isFalse();
        Path env = tmp.resolve("tls.log");
        Path docker = tmp.resolve("docker-tls");
        Files.writeString(docker, "#!/bin/sh\necho \"$DOCKER_HOST $DOCKER_TLS_VERIFY\" >> " + env + "\necho linux/arm64\n");
        docker.toFile().setExecutable(true);
        new DockerEngine("tcp://build-arm64.example:2376", docker.toString()).platform();
        assertThat(Files.readAllLines(env)).containsExactly("tcp://build-arm64.example:2376 1");
    }
}
