package dev.pythonfips.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildChoicesTest {

    @Test
    void builtinHashTokensFollowTheVersion() {
        // 3.12 replaced the sha256/sha512 tokens by sha2; configure ignores unknown tokens silently
        assertThat(BuildChoices.builtinHashes(Version.parse("3.9.19"))).isEqualTo("md5,sha1,sha256,sha512,sha3,blake2");
        assertThat(BuildChoices.builtinHashes(Version.parse("3.11.9"))).isEqualTo("md5,sha1,sha256,sha512,sha3,blake2");
        assertThat(BuildChoices.builtinHashes(Version.parse("3.12.3"))).isEqualTo("md5,sha1,sha2,sha3,blake2");
        assertThat(BuildChoices.builtinHashes(Version.parse("3.14.10"))).isEqualTo("md5,sha1,sha2,sha3,blake2");
        assertThat(BuildChoices.configureExtra(Version.parse("3.13.5"))).isEqualTo("--without-system-libmpdec");
        assertThat(BuildChoices.configureExtra(Version.parse("3.11.2"))).isEmpty();
    }

    @Test
    void expectedFipsTestFailuresDependOnPolicyAndLibrary() {
        String strict30 = ContextRenderer.cpythonTestIgnores("strict", Version.parse("3.0.20"));
        String allow30 = ContextRenderer.cpythonTestIgnores("allow-non-security", Version.parse("3.0.20"));
        String allow35 = ContextRenderer.cpythonTestIgnores("allow-non-security", Version.parse("3.5.7"));
        assertThat(strict30).contains("test.test_hashlib.HashLibTestCase.test_case_md5_0\n")
                .contains("test.test_hashlib.HashLibTestCase.test_blake2b\n").doesNotContain("#");
        assertThat(allow30).doesNotContain("test_case_md5_0").contains("test.test_hashlib.HashLibTestCase.test_blake2b\n")
                .doesNotContain("test_sha256_rfc4231");
        assertThat(allow35).contains("test.test_hmac.TestVectorsTestCase.test_sha256_rfc4231\n");
    }
}
