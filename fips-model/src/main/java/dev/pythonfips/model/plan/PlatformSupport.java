package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the engine here can build and run a platform: its own (native) platform always; any other only through
 * qemu user emulation registered in binfmt_misc ({@code /proc/sys/fs/binfmt_misc/qemu-<arch>}, enabled). Checked
 * before anything is built, so a foreign platform is refused with the fix instead of being built for the host.
 */
public final class PlatformSupport {

    /** The default binfmt_misc directory of Linux. */
    public static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");

    /** Docker architecture (GOARCH) to the qemu-user name binfmt_misc registers. */
    private static final Map<String, String> QEMU = Map.of("amd64", "x86_64", "arm64", "aarch64", "arm", "arm",
            "ppc64le", "ppc64le", "s390x", "s390x", "386", "i386", "riscv64", "riscv64", "mips64le", "mips64el");

    private PlatformSupport() {
    }

    /** The qemu-user name of a platform's architecture, e.g. {@code aarch64} for linux/arm64. */
    public static String qemuName(Platform p) {
        return QEMU.getOrDefault(p.arch(), p.arch());
    }

    /** True when an engine on {@code nativePlatform} runs {@code p} without emulation (os and arch equal). */
    public static boolean isNative(Platform p, Platform nativePlatform) {
        return p.os().equals(nativePlatform.os()) && p.arch().equals(nativePlatform.arch());
    }

    /**
     * Why {@code p} cannot be built or run on an engine on {@code nativePlatform} whose kernel has the binfmt_misc
     * directory {@code binfmt}, with the fix; empty when it can.
     */
    public static Optional<String> whyNot(Platform p, Platform nativePlatform, Path binfmt) {
        if (isNative(p, nativePlatform)) {
            return Optional.empty();
        }
        if (!p.os().equals(nativePlatform.os())) {
            return Optional.of(p + " cannot run on a " + nativePlatform + " engine (another operating system); "
                    + "build it on a " + p.os() + " engine");
        }
        Path entry = binfmt.resolve("qemu-" + qemuName(p));
        String fix = "register qemu user emulation for " + qemuName(p) + " (as root: apt-get install qemu-user-static "
                + "binfmt-support, then mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc if it is not mounted and "
                + "update-binfmts --enable qemu-" + qemuName(p) + "), or build this cell on a native " + p + " engine";
        if (!Files.isRegularFile(entry)) {
            return Optional.of("no emulation registered for " + p + " on this " + nativePlatform + " engine (" + entry
                    + " does not exist): " + fix);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of("cannot read " + entry + " (" + e.getMessage() + "): " + fix);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("enabled")) {
            return Optional.of("emulation for " + p + " is registered but disabled (" + entry + "): " + fix);
        }
        boolean fixBinary = lines.stream().anyMatch(l -> l.startsWith("flags:") && l.substring(6).contains("F"));
        if (!fixBinary) {
            return Optional.of(entry + " lacks the F flag, so containers cannot find the qemu interpreter: " + fix);
        }
        return Optional.empty();
    }

    /** Every platform of every cell that cannot be built here, one message each (all problems at once). */
    public static List<String> refusals(List<Cell> cells, Platform nativePlatform, Path binfmt) {
        Set<String> out = new LinkedHashSet<>();
        for (Cell c : cells) {
            for (Platform p : c.platforms()) {
                whyNot(p, nativePlatform, binfmt).ifPresent(why -> out.add(c.id() + ": " + why));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * A single-platform cell whose base image the engine already holds for another platform: a classic build uses
     * that local image whatever platform it was asked for, and labels the result with the base's platform (seen on
     * Docker 20.10: platform=linux/arm64 on an amd64-only local base built an amd64 image). Empty when fine or when
     * the engine does not hold the base (it then pulls the asked platform).
     *
     * @param localBasePlatform what the engine's copy of the base image says ({@code os/arch[/variant]}), or null
     */
    public static Optional<String> baseImageProblem(Cell cell, String localBasePlatform) {
        if (cell.platforms().size() != 1 || localBasePlatform == null) {
            return Optional.empty();
        }
        Platform asked = cell.platforms().get(0);
        if (imageMatches(asked, localBasePlatform)) {
            return Optional.empty();
        }
        return Optional.of(cell.id() + ": the base image " + cell.baseImage() + " in the engine is " + localBasePlatform
                + ", the cell asks " + asked + " (the engine would build on it and label the image " + localBasePlatform
                + "): make a " + asked + " base image (e.g. debootstrap --arch=" + asked.arch() + " --variant=minbase SUITE DIR,"
                + " then tar -C DIR -c . | docker import --platform " + asked + " - TAG) and name it in <baseImages>, or remove the local " + cell.baseImage()
                + " so the engine pulls its " + asked + " variant");
    }

    /**
     * True when an image whose config says {@code os/architecture[/variant]} (as {@code docker image inspect
     * --format '{{.Os}}/{{.Architecture}}/{{.Variant}}'} prints it, trailing slash allowed) is of platform {@code p};
     * a variant is compared only when {@code p} names one.
     */
    public static boolean imageMatches(Platform p, String inspected) {
        String[] parts = inspected.trim().split("/", -1);
        if (parts.length < 2) {
            return false;
        }
        boolean variantOk = p.variant().isEmpty() || (parts.length > 2 && parts[2].equals(p.variant()));
        return parts[0].equals(p.os()) && parts[1].equals(p.arch()) && variantOk;
    }
}
