package dev.pythonfips.model.options;

import dev.pythonfips.model.Version;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.render.ContextRenderer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildChoicesTest {

    @Test
    void allBuiltinHashTokensFollowTheVersion() {
        // 3.12 replaced the sha256/sha512 tokens by sha2; configure ignores unknown tokens silently
        assertThat(BuildChoices.configureBuiltinHashes(Version.parse("3.9.19"), "all")).isEqualTo("md5,sha1,sha256,sha512,sha3,blake2");
        assertThat(BuildChoices.configureBuiltinHashes(Version.parse("3.11.9"), "all")).isEqualTo("md5,sha1,sha256,sha512,sha3,blake2");
        assertThat(BuildChoices.configureBuiltinHashes(Version.parse("3.12.3"), "all")).isEqualTo("md5,sha1,sha2,sha3,blake2");
        assertThat(BuildChoices.configureBuiltinHashes(Version.parse("3.14.10"), "all")).isEqualTo("md5,sha1,sha2,sha3,blake2");
        assertThat(BuildChoices.builtinHashModules(Version.parse("3.11.9"), "all"))
                .containsExactly("_md5", "_sha1", "_sha256", "_sha512", "_sha3", "_blake2");
        assertThat(BuildChoices.builtinHashModules(Version.parse("3.13.5"), "all"))
                .containsExactly("_md5", "_sha1", "_sha2", "_sha3", "_blake2");
        assertThat(BuildChoices.configureExtra(Version.parse("3.13.5"))).containsExactly("--without-system-libmpdec");
        assertThat(BuildChoices.configureExtra(Version.parse("3.11.2"))).isEmpty();
        assertThat(BuildChoices.opensslRpath(Version.parse("3.9.19"))).isEmpty();
        assertThat(BuildChoices.opensslRpath(Version.parse("3.11.2"))).containsExactly("--with-openssl-rpath=auto");
    }

    @Test
    void noneConfiguresNoBuiltinHashModuleOnEveryVersion() {
        // configure.ac of 3.9/3.11/3.13 maps "no" to the empty list, which builds none of them
        for (String v : new String[]{"3.9.19", "3.11.9", "3.12.3", "3.13.5", "3.14.10"}) {
            assertThat(BuildChoices.configureBuiltinHashes(Version.parse(v), "none")).as(v).isEqualTo("no");
            assertThat(BuildChoices.builtinHashModules(Version.parse(v), "none")).as(v).isEmpty();
        }
        assertThat(FipsSpec.Options.builder().build().builtinHashes())
                .isEqualTo("none");
    }

    @Test
    void expectedFipsTestFailuresDependOnThePolicyRowAndTheProvider() {
        String strict30 = ContextRenderer.cpythonTestIgnores(PolicySupport.Ignores.ANY_AND_STRICT, Version.parse("3.0.20"));
        String allow30 = ContextRenderer.cpythonTestIgnores(PolicySupport.Ignores.ANY, Version.parse("3.0.20"));
        String allow35 = ContextRenderer.cpythonTestIgnores(PolicySupport.Ignores.ANY, Version.parse("3.5.7"));
        assertThat(strict30).contains("test.test_hashlib.HashLibTestCase.test_case_md5_0\n")
                .contains("test.test_hashlib.HashLibTestCase.test_blake2b\n").doesNotContain("#");
        assertThat(allow30).doesNotContain("test_case_md5_0").contains("test.test_hashlib.HashLibTestCase.test_blake2b\n")
                .doesNotContain("test_sha256_rfc4231");
        assertThat(allow35).contains("test.test_hmac.TestVectorsTestCase.test_sha256_rfc4231\n");
        assertThat(ContextRenderer.cpythonTestIgnores(PolicySupport.Ignores.NONE, Version.parse("2.0.16"))).isEmpty();
    }
}
