package dev.pythonfips.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts every distro entry of distros.json must carry, each with its record. */
class DistroCatalogTest {

    @Test
    void everyDistroNamesItsCaBundleWithARecordAndInstallsItsCaPackageAtRunTime() {
        Catalog catalog = Catalog.builtIn();
        assertThat(catalog.distroIds()).isNotEmpty();
        for (String id : catalog.distroIds()) {
            Distro d = catalog.distro(id).orElseThrow();
            assertThat(d.caBundle()).as(id + " caBundle").matches("/etc/[a-z/.-]+\\.crt");
            assertThat(d.caBundleRecord()).as(id + " caBundleRecord").isNotBlank();
            assertThat(d.packages("runtime")).as(id + " runtime packages").anyMatch(p -> p.startsWith("ca-certificates"));
        }
    }
}
