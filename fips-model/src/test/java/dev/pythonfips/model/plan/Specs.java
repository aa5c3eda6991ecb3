package dev.pythonfips.model.plan;

import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.catalog.Catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Builders for specs used across tests. */
public final class Specs {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private Specs() {
    }

    public static FipsSpec.MatrixSpec matrix(List<String> pythons, List<String> distros, String openssl, String fips, List<String> platforms) {
        return new FipsSpec.MatrixSpec(pythons, distros, openssl, fips, platforms);
    }

    public static FipsSpec spec(FipsSpec.MatrixSpec matrix, List<FipsSpec.CellSpec> images) {
        return new FipsSpec(matrix, images, List.of(), null, Map.of(), FipsSpec.Options.defaults(), List.of());
    }

    public static FipsSpec.CellSpec cell(String python, String distro, String openssl, String fips, String... platforms) {
        return new FipsSpec.CellSpec(python, distro, openssl, fips, List.of(platforms));
    }

    /**
     * The seed README's whole support table. Python 3.9 on OpenSSL 1.0.2 honours only allow-non-security and needs
     * the builtin hashes (PolicySupport), so the seed table uses both for every cell.
     */
    public static FipsSpec seedMatrix() {
        return new FipsSpec(matrix(List.of("3.11.9", "3.12.3"), List.of("rocky9", "wolfi"), "3.0.9", "3.0.9",
                        List.of("linux/amd64", "linux/arm64")),
                List.of(cell("3.9.19", "rocky9", "1.0.2u", "2.0.16", "linux/amd64"),
                        cell("3.9.19", "wolfi", "1.0.2u", "2.0.16", "linux/amd64")),
                List.of(), null, Map.of(), options("allow-non-security", null, false, "all"), List.of());
    }

    public static MatrixPlanner planner() {
        return new MatrixPlanner(Catalog.builtIn(), TODAY, PomWording.INSTANCE);
    }

    public static FipsSpec.Options options(String policy, String fipsInstall, boolean allowUnvalidated) {
        return options(policy, fipsInstall, allowUnvalidated, null);
    }

    public static FipsSpec.Options options(String policy, String fipsInstall, boolean allowUnvalidated, String builtinHashes) {
        return FipsSpec.Options.builder().policy(policy).fipsInstall(fipsInstall)
                .allowUnvalidatedProvider(allowUnvalidated).builtinHashes(builtinHashes).build();
    }
}
