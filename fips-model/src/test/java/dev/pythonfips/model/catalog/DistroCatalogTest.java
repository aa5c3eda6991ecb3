package dev.pythonfips.model.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts every distro entry of distros.json must carry, each with its record. */
class DistroCatalogTest {

    @Test
    void everyDistroNamesItsCaBundleWithARecordBuiltInTheBuildStageAndNoCaPackageAtRunTime() {
        Catalog catalog = Catalog.builtIn();
        assertThat(catalog.distroIds()).isNotEmpty();
        for (String id : catalog.distroIds()) {
            Distro d = catalog.distro(id).orElseThrow();
            assertThat(d.caBundle()).as(id + " caBundle").matches("/etc/[a-z/.-]+\\.crt");
            assertThat(d.caBundleRecord()).as(id + " caBundleRecord").isNotBlank();
            // finish-install.sh copies the bundle into <prefix>/ssl/cert.pem: the build stage must make it, the
            // runtime stage needs no CA package (Debian's ca-certificates pulls in openssl and libssl3)
            assertThat(d.packages("build")).as(id + " build packages").anyMatch(p -> p.startsWith("ca-certificates"));
            assertThat(d.packages("runtime")).as(id + " runtime packages").noneMatch(p -> p.startsWith("ca-certificates"));
        }
    }
}
