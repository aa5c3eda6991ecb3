package dev.pythonfips.model.recipe;

import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The yes/no facts of a cell that scripts, templates and conformance.py act on, decided here once from the typed
 * recipe and options, so nothing downstream compares an option's value or re-derives a fact from a name. Rendered
 * into manifest.json ({@code decisions}), the finishing step's env file ({@code PYFIPS_…='true'|'false'}) and the
 * Velocity context ({@code $c.decisions}).
 *
 * @param legacyModule      the FIPS Object Module 2.0 (OpenSSL 1.0.2): linked into libcrypto, no module
 *                          configuration, FIPS mode by {@code FIPS_mode_set}
 * @param startupInstall    {@code fipsInstall=startup}: the module configuration is written on first use, not in the
 *                          image build
 * @param nonSecurityUse    the policy lets non-approved digests run with {@code usedforsecurity=False} (OpenSSL's
 *                          default provider is active beside fips and base)
 * @param sharedLibpython   python3 loads libpython3.X.so ({@code interpreterLinkage=shared})
 * @param pieExecutable     python3 is a position-independent executable
 * @param pip               pip and ensurepip stay in the image
 * @param keepTests         CPython's test suite stays in the image
 * @param multiPlatform     one build per platform and a manifest list
 */
public record ImageDecisions(boolean legacyModule, boolean startupInstall, boolean nonSecurityUse,
                             boolean sharedLibpython, boolean pieExecutable, boolean pip, boolean keepTests,
                             boolean multiPlatform) {

    /** The decisions of {@code cell} built with {@code recipe} and the plan's options. */
    public static ImageDecisions of(Cell cell, BuildRecipe recipe, FipsSpec.Options options) {
        InterpreterLinkage linkage = recipe.interpreterLinkage();
        return new ImageDecisions(recipe.legacyFipsModule(), recipe.fipsInstall() == FipsInstall.STARTUP,
                recipe.policy().defaultProvider(), linkage.sharedLibrary(),
                linkage == InterpreterLinkage.EXECUTABLE_PIE, options.pip(), options.keepTests(),
                cell.multiPlatform());
    }

    /** Every decision by name: manifest.json {@code decisions} and the Velocity context {@code $c.decisions}. */
    public Map<String, Boolean> toMap() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("legacyModule", legacyModule);
        m.put("startupInstall", startupInstall);
        m.put("nonSecurityUse", nonSecurityUse);
        m.put("sharedLibpython", sharedLibpython);
        m.put("pieExecutable", pieExecutable);
        m.put("pip", pip);
        m.put("keepTests", keepTests);
        m.put("multiPlatform", multiPlatform);
        return m;
    }
}
