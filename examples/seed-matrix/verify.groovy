import groovy.json.JsonSlurper

def out = new File(basedir, 'target/fips')
def log = new File(basedir, 'build.log').text
def cells = new JsonSlurper().parse(new File(out, 'matrix.json')).cells
assert cells*.id == ['3.9.19-rocky9-openssl1.0.2u-fips2.0.16', '3.9.19-wolfi-openssl1.0.2u-fips2.0.16',
                     '3.11.9-rocky9-openssl3.0.9', '3.11.9-wolfi-openssl3.0.9',
                     '3.12.3-rocky9-openssl3.0.9', '3.12.3-wolfi-openssl3.0.9']
cells.each { c ->
    def ctx = new File(out, c.contextDir)
    assert c.image == "registry.example.com/python-fips:${c.python}-${c.distro}-openssl${c.openssl}"
    def packages = new File(ctx, 'scripts/packages.sh').text
    def dockerfile = new File(ctx, 'Dockerfile').text
    if (c.distro == 'wolfi') {
        assert packages.contains('apk add --no-cache')
        // amd64 + arm64 cells start every stage from the base pinned per platform by fips:build (build argument)
        assert c.platforms.size() == 1 ? dockerfile.contains('FROM cgr.dev/chainguard/wolfi-base:latest AS runtime')
                : dockerfile.contains('ARG PYTHON_FIPS_BASE_IMAGE=cgr.dev/chainguard/wolfi-base:latest')
                  && dockerfile.contains('FROM ${PYTHON_FIPS_BASE_IMAGE} AS runtime')
    } else {
        assert packages.contains('microdnf')
    }
    // one set of build scripts for every distro: identical bytes
    assert new File(ctx, 'scripts/build-python.sh').text == new File(out, cells[0].contextDir + '/scripts/build-python.sh').text
    def manifest = new JsonSlurper().parse(new File(ctx, 'manifest.json'))
    assert c.policy == 'allow-non-security' && c.builtinHashes == 'all'
    assert manifest.python.builtinHashes == 'all'
    assert dockerfile.contains('dev.pythonfips.python.builtin-hashes="all"')
    def hashes = c.python == '3.12.3' ? '--with-builtin-hashlib-hashes=md5,sha1,sha2,sha3,blake2' : '--with-builtin-hashlib-hashes=md5,sha1,sha256,sha512,sha3,blake2'
    assert new File(ctx, 'env/python.commands').text.contains(" ${hashes} ")
    assert manifest.python.configure.contains(hashes)
    // the build steps run exactly the commands the manifest records
    manifest.buildCommands.each { step, commands -> assert new File(ctx, "env/${step}.commands").readLines() == commands }
    if (c.python == '3.9.19') {
        assert c.platforms == ['linux/amd64']
        assert manifest.fips.kind == 'fips-object-module-2'
        assert manifest.fips.buildCommands == ['mkdir -p /fips/build', 'cd /fips/build',
                                               'gunzip -c /fips/sources/openssl-fips-2.0.16.tar.gz | tar xf -', 'cd openssl-fips-2.0.16',
                                               './config', 'make', 'make install']
        assert manifest.buildCommands.'fips-module' == manifest.fips.buildCommands
        assert new File(ctx, 'openssl.cnf').text.contains('fips_mode = yes')
        assert new File(ctx, 'sources/SHA256SUMS').text.contains('  openssl-fips-2.0.16.tar.gz')
        // CPython's tests run outside FIPS mode on OpenSSL 1.0.2: nothing is skipped by name
        assert new File(ctx, 'conformance/cpython-test-ignore.txt').text.isEmpty()
    } else {
        assert c.platforms == ['linux/amd64', 'linux/arm64']
        assert manifest.fips.kind == 'openssl3-provider'
        assert manifest.fips.certificates == ['4282']
        assert manifest.fips.certificateSource == 'catalog'
        // allow-non-security: only the [any] expectations are skipped
        def ignores = new File(ctx, 'conformance/cpython-test-ignore.txt').text
        assert ignores.contains('test.test_hashlib.HashLibTestCase.test_blake2b\n') && !ignores.contains('test_case_md5_0')
    }
}
assert log.contains('historical')
return true
