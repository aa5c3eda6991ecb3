package dev.pythonfips.model.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pythonfips.model.Version;

import java.util.Optional;

/**
 * The kind of a FIPS module: the one type for it. {@code fips-modules.json} names it for each kind and module (read
 * once, by {@link #fromValue}); {@link #of} decides the kind of a module version; everything downstream reads the
 * decisions it implies ({@link dev.pythonfips.model.recipe.BuildRecipe#legacyFipsModule()}), never the value.
 */
public enum ModuleKind {
    /** an OpenSSL 3 FIPS provider ({@code fips.so}) */
    OPENSSL3_PROVIDER("openssl3-provider"),
    /** the legacy FIPS Object Module 2.0 of OpenSSL 1.0.2 (linked into libcrypto; {@code FIPS_mode_set}) */
    FIPS_OBJECT_MODULE_2("fips-object-module-2");

    private final String value;

    ModuleKind(String value) {
        this.value = value;
    }

    /** As recorded in manifest.json ({@code fips.kind}), fips-modules.json and cell.env ({@code PYFIPS_FIPS_KIND}). */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The kind of a FIPS module version, as the catalog's {@code fips-modules.json} "kinds" define it (their version
     * lines: 2.0 is the FIPS Object Module, 3 a provider) — the one place that decides it.
     */
    public static Optional<ModuleKind> of(Version fipsModule) {
        return Catalog.builtIn().moduleKindOf(fipsModule).map(ModuleKindSupport::kind);
    }

    /** The kind {@code fips-modules.json} names; an unknown name is a catalog defect. */
    @JsonCreator
    public static ModuleKind fromValue(String value) {
        for (ModuleKind k : values()) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        throw new IllegalStateException("fips-modules.json names a kind the build recipe does not know: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
