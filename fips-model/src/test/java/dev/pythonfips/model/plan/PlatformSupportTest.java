package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSupportTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @TempDir
    Path binfmt;

    private void register(String name, String content) throws Exception {
        Files.writeString(binfmt.resolve(name), content);
    }

    @Test
    void nativePlatformNeedsNoEmulation() {
        assertThat(PlatformSupport.whyNot(AMD64, AMD64, binfmt)).isEmpty();
    }

    @Test
    void foreignPlatformWithoutEmulationIsRefusedWithTheFix() {
        assertThat(PlatformSupport.whyNot(ARM64, AMD64, binfmt)).hasValueSatisfying(why -> assertThat(why)
                .contains("no emulation registered for linux/arm64", "qemu-aarch64", "update-binfmts --enable qemu-aarch64",
                        "apt-get install qemu-user-static", "native linux/arm64 engine"));
    }

    @Test
    void foreignPlatformWithEnabledEmulationAndFixFlagIsAccepted() throws Exception {
        register("qemu-aarch64", "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n");
        assertThat(PlatformSupport.whyNot(ARM64, AMD64, binfmt)).isEmpty();
    }

    @Test
    void disabledOrFlaglessEmulationIsRefused() throws Exception {
        register("qemu-aarch64", "disabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: F\n");
        assertThat(PlatformSupport.whyNot(ARM64, AMD64, binfmt)).hasValueSatisfying(w -> assertThat(w).contains("disabled"));
        register("qemu-aarch64", "enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: P\n");
        assertThat(PlatformSupport.whyNot(ARM64, AMD64, binfmt)).hasValueSatisfying(w -> assertThat(w).contains("F flag"));
    }

    @Test
    void refusalsListEveryCellAndPlatformAtOnce() {
        Cell a = cellWith("a", ARM64);
        Cell b = cellWith("b", AMD64, Platform.parse("linux/s390x"));
        List<String> refusals = PlatformSupport.refusals(List.of(a, b), AMD64, binfmt);
        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0)).startsWith("a: ").contains("linux/arm64");
        assertThat(refusals.get(1)).startsWith("b: ").contains("linux/s390x", "qemu-s390x");
    }

    @Test
    void imageConfigMustNameTheAskedPlatform() {
        assertThat(PlatformSupport.imageMatches(ARM64, "linux/arm64/")).isTrue();
        assertThat(PlatformSupport.imageMatches(ARM64, "linux/arm64/v8")).isTrue();
        assertThat(PlatformSupport.imageMatches(ARM64, "linux/amd64/")).isFalse();
        assertThat(PlatformSupport.imageMatches(Platform.parse("linux/arm/v7"), "linux/arm/v6")).isFalse();
        assertThat(PlatformSupport.imageMatches(ARM64, "")).isFalse();
    }

    @Test
    void aLocalBaseImageOfAnotherPlatformIsRefused() {
        Cell arm = cellWith("a", ARM64);
        assertThat(PlatformSupport.baseImageProblem(arm, "linux/amd64")).hasValueSatisfying(w -> assertThat(w)
                .contains("base image base in the engine is linux/amd64", "asks linux/arm64", "--arch=arm64", "<baseImages>"));
        assertThat(PlatformSupport.baseImageProblem(arm, "linux/arm64")).isEmpty();
        assertThat(PlatformSupport.baseImageProblem(arm, null)).as("not local: the engine pulls the asked platform").isEmpty();
        assertThat(PlatformSupport.baseImageProblem(cellWith("m", AMD64, ARM64), "linux/amd64")).as("buildx cells").isEmpty();
    }

    private static Cell cellWith(String id, Platform... platforms) {
        return new Cell(id, "test", null, null, null, null, List.of(platforms), "img", "base", null, null, null, null,
                "none", null, null);
    }
}
