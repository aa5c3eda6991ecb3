import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def ids = ['3.11.2-debian12-openssl3.0.20']

// The build log against the manifests (scripts/e2e/compare-build-log.groovy)
def compareBuildLog = evaluate(new File(projectRoot, 'scripts/e2e/compare-build-log.groovy'))
ids.each { compareBuildLog(basedir, log, it, 3) }
// both builds built the cell and verified it green (fips:build fails on any red check); run 6 verified the pulled images
ids.each { id ->
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count == 2 : "build summary row for ${id}"
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 3 : "verify row for ${id}"
}
assert log.contains('strict: md5 refused even with usedforsecurity=False')
assert log.contains('allow-non-security: md5 allowed only with usedforsecurity=False')
assert (log =~ /cpython-tests\s+test_hashlib test_hmac test_random: run=\d+/).count == 2
// in every image: fail closed (environment, openssl command, entrypoint bypassed on a read-only root filesystem),
// the module configuration, and import random without OpenSSL (our random.py hunk on 3.11)
['fails-closed-environment', 'openssl-cli-fails-closed', 'start-bypassed-read-only', 'fips-module-config',
 'random-loads-no-openssl'].each { check ->
    // runs 1 and 2 (both policies) and run 6 (the images pulled by digest)
    assert (log =~ /PASS\s+linux\/amd64: ${check}\s/).count == 3 : "${check} passed under both policies and after the pull"
}
// pyca/cryptography, built air-gapped into the cell (its <image><cryptography>): every check passed in runs 1, 2 (both
// policies) and 6 (pulled by digest); e2e-split-provider's cell has none and says so
['cryptography-uses-our-openssl', 'cryptography-links-our-libcrypto', 'cryptography-refuses-non-approved',
 'cryptography-loads-no-provider', 'cryptography-fails-closed-environment', 'cryptography-x509-tls'].each { check ->
    assert (log =~ /PASS\s+linux\/amd64: ${check}\s/).count == 3 : "${check} passed under both policies and after the pull"
}
assert log =~ /cryptography-uses-our-openssl\s+OpenSSL 3\.0\.20 7 Apr 2026, FIPS enabled \(distro-archive\)/
assert log =~ /cryptography-loads-no-provider\s+policy strict: base, fips\n/
assert log =~ /cryptography-loads-no-provider\s+policy allow-non-security: base, default, fips\n/
// (build-cryptography.sh says "python-fips: cryptography 38.0.4 uses OpenSSL 3.0.20 ... in FIPS mode" when its layer
// is built, not when it comes from the cache: the checks above are what proves it)
def crypto = new JsonSlurper().parse(new File(basedir, "target/fips/${ids[0]}/manifest.json"))
assert crypto.cryptography == '38.0.4' && crypto.cryptographyBuild.source == 'distro-archive'
assert crypto.buildCommands.cryptography.any { it.endsWith('--no-index --no-deps --no-build-isolation ./cryptography-38.0.4') }
// executable-no-pie: python3 holds the interpreter at a fixed address, and there is no libpython3.X.so
assert (log =~ /PASS\s+linux\/amd64: interpreter-linkage\s+executable-no-pie: \S+ is at a fixed address; no libpython/).count == 3
ids.each { assert new JsonSlurper().parse(new File(basedir, "target/fips/${it}/manifest.json")).python.interpreterLinkage == 'executable-no-pie' }
def report = new File(basedir, 'target/fips/report')
assert new File(report, 'index.html').text.contains(ids[0])
assert new File(report, 'TEST-3.11.2-debian12-openssl3.0.20.xml').text.contains('failures="0"')

// release: images.json records run 1's images as pushed, and each digest is the registry's manifest digest
def images = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json'))
assert images.schemaVersion == 1
assert images.cells*.id == ids
images.cells.each { c ->
    assert c.status == 'pushed' : c
    assert c.imageId ==~ /sha256:[0-9a-f]{64}/
    assert c.baseImage.reference.startsWith('local/debian:')
    // run 3's release pushes, and (run 12, the Debian 12 cell only) a fan-out job's push under its platform's tag
    def jobRef = "127.0.0.1:5000/python-fips:${c.id}-linux-amd64".toString()
    assert c.pushes*.reference.findAll { it != jobRef } == ["127.0.0.1:5000/python-fips:${c.id}",
                                   "127.0.0.1:5000/python-fips:${c.id.split('-')[0].tokenize('.')[0..1].join('.')}-${c.id.split('-')[1]}-e2e"]*.toString()
    assert c.pushes*.reference.contains(jobRef) == (c.id == '3.11.2-debian12-openssl3.0.20') : "run 12 pushed the Debian 12 cell only"
    assert c.pushes.findAll { it.reference == jobRef }.every { it.digest == c.pushes[0].digest } : "the same image, the same digest"
    assert c.buildInputs ==~ /sha256:[0-9a-f]{64}/ : "fips:build recorded the build inputs"
    c.pushes.each { p ->
        def tag = p.reference.substring(p.reference.lastIndexOf(':') + 1)
        def conn = new URL("http://127.0.0.1:5000/v2/python-fips/manifests/${tag}").openConnection()
        conn.requestMethod = 'HEAD'
        conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
        assert conn.responseCode == 200 : p.reference
        assert conn.getHeaderField('Docker-Content-Digest') == p.digest : "registry digest of ${p.reference}"
        assert p.pinned == "127.0.0.1:5000/python-fips@${p.digest}"
    }
}
// the per-cell files CI scripts read: the image id and the first push's digest, as images.json records them
images.cells.each { c ->
    assert new File(basedir, "target/fips/${c.id}.image-id").text == c.imageId + '\n'
    assert new File(basedir, "target/fips/${c.id}.digest").text == c.pushes[0].digest + '\n'
}
assert (log =~ /\[drop-recorded-images\] docker rmi -f sha256:/).count == 1
// run 5: no local image -> a clear failure, nothing pulled
assert log.contains('fips:verify never pulls by name')
// run 6: pulled by the recorded digests and verified those
ids.each { id ->
    def digest = images.cells.find { it.id == id }.pushes[0].digest
    assert log.contains("pulling 127.0.0.1:5000/python-fips@${digest}")
    assert log.contains("${id}: verifying 127.0.0.1:5000/python-fips@${digest}")
}

def docker = evaluate(new File(projectRoot, 'scripts/e2e/docker-run.groovy'))
def packageFiles = { String image ->
    def (rc, out, err) = docker(['--entrypoint', 'sh', image, '-c',
            'find /usr/share/doc /usr/share/man /usr/share/info -type f; ls -d /var/log/dpkg.log /var/log/apt; true'])
    assert rc == 0 : "docker run ${image}: ${err}"
    out.readLines() as Set
}

// runs 7-8 (supply chain): SBOM, provenance and runtime export per cell, their SHA-256 in images.json
def sha256 = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def record = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json'))
record.cells.each { c ->
    def dir = new File(basedir, "target/fips/${c.id}")
    assert c.build.contextSha256 ==~ /[0-9a-f]{64}/ && c.build.dockerMavenPlugin && c.build.dockerEngine : "build facts of ${c.id}"
    def sbomFile = new File(dir, 'sbom.cdx.json')
    assert c.sbom.sha256 == sha256(sbomFile) && c.sbom.classifier == "${c.id}-sbom".toString()
    def sbom = new JsonSlurper().parse(sbomFile)
    assert sbom.specVersion == '1.6' && sbom.metadata.component.version == c.imageId
    def byRef = sbom.components.collectEntries { [(it.'bom-ref'): it] }
    assert byRef.cpython.version == c.id.split('-')[0] && byRef.cpython.pedigree.patches[0].type == 'unofficial'
    assert byRef['openssl-fips-provider'].properties.find { it.name == 'dev.pythonfips:fips.tarball-modified' }.value == 'false'
    assert byRef.keySet().any { it.startsWith('deb:libc6:') } : "dpkg packages of ${c.id}"
    assert byRef['pypi:pip'] : "pip (ensurepip) in the SBOM of ${c.id}"
    assert byRef['base-image'].properties.find { it.name == 'dev.pythonfips:base-image.id' }.value == c.baseImage.imageId
    def provFile = new File(dir, 'provenance.intoto.json')
    assert c.provenance.sha256 == sha256(provFile)
    def prov = new JsonSlurper().parse(provFile)
    assert prov._type == 'https://in-toto.io/Statement/v1' && prov.predicateType == 'https://slsa.dev/provenance/v1'
    assert prov.subject[0].digest.sha256 == c.imageId.substring(7)
    // the provenance (run 7) names the pushes made before it: run 3's, not run 12's
    assert prov.subject.drop(1)*.digest*.sha256 == c.pushes.findAll { !it.reference.endsWith('-linux-amd64') }*.digest*.substring(7)
    assert prov.predicate.runDetails.builder.version.'docker-engine' == c.build.dockerEngine
    assert prov.predicate.buildDefinition.resolvedDependencies.find { it.name.startsWith('build context') }.digest.sha256 == c.build.contextSha256
    def tgz = new File(basedir, "target/fips/${c.runtimeExport.file}")
    assert tgz.name == "python-fips-${c.id}-${c.runtimeExport.architecture}.tar.gz".toString()
    assert c.runtimeExport.sha256 == sha256(tgz) && c.runtimeExport.classifier == "${c.id}-${c.runtimeExport.architecture}".toString()
    def names = "tar tzf ${tgz}".execute().text.readLines()
    assert names.contains('python-fips/bin/python3') : "python3 in the export of ${c.id}"
    // pip is kept (the default), its Windows launchers are not (slim-prefix.sh)
    assert names.any { it.contains('/site-packages/pip/_vendor/distlib/') } : "pip's distlib in the export of ${c.id}"
    assert !names.any { it.endsWith('.exe') } : "Windows executables in the export of ${c.id}: ${names.findAll { it.endsWith('.exe') }}"
    // never a build-time fipsmodule.cnf (a regular file); fipsInstall=startup's link to /tmp may stay
    assert !"tar tzvf ${tgz}".execute().text.readLines().any { it.startsWith('-') && it.endsWith('python-fips/ssl/fipsmodule.cnf') }
    // the runtime package layer (packages/deb.sh): of what the image has and its base has not under /usr/share/doc,
    // man and info, only packages' copyright files; no apt or dpkg log (they hold the clock)
    def added = (packageFiles(c.imageId) - packageFiles(c.baseImage.imageId)).sort()
    assert added && added.every { it.endsWith('/copyright') } :
            "${c.id}: the runtime package layer adds ${added.findAll { !it.endsWith('/copyright') }}"
}
assert log.contains('attached as <cell>-sbom (cdx.json) and <cell>-provenance (intoto.json)')
assert log.contains('attached as <cell>-<arch> (tar.gz)')
// run 7's deploy: the file: repository holds exactly what was attached, byte for byte, under the expected classifiers
def repo = new File(basedir, 'target/deploy-repo/com/example/fips/e2e-debian/1.0.0')
assert new File(repo, 'e2e-debian-1.0.0.pom').isFile()
record.cells.each { c ->
    def deployed = { String classifier, String ext -> new File(repo, "e2e-debian-1.0.0-${classifier}.${ext}") }
    assert sha256(deployed("${c.id}-sbom", 'cdx.json')) == c.sbom.sha256 : "deployed SBOM of ${c.id}"
    assert sha256(deployed("${c.id}-provenance", 'intoto.json')) == c.provenance.sha256 : "deployed provenance of ${c.id}"
    assert sha256(deployed("${c.id}-${c.runtimeExport.architecture}", 'tar.gz')) == c.runtimeExport.sha256 : "deployed runtime of ${c.id}"
}
// runs 8-11: fips:audit of application images built FROM run 1's Debian 12 image
def audit = new File(basedir, 'target/fips/audit')
assert new File(audit, 'TEST-audit-audit-e2e_clean.xml').text.contains('failures="0"')
assert new File(audit, 'index.html').text.contains('GREEN')
assert log =~ /audit-e2e:clean\s+3\.11\.2-debian12-openssl3\.0\.20\s+\d+\s+0\s+0\s+0\s+GREEN/
def red = new File(basedir, 'target/fips/audit-red')
def venv = new File(red, 'TEST-audit-audit-e2e_venv-libssl.xml').text
assert venv.contains('libcrypto-copy: /home/python/venv/lib/python3.11/site-packages/vendored.libs/libcrypto.so.3')
assert venv.contains('libssl-copy: /home/python/venv/lib/python3.11/site-packages/vendored.libs/libssl.so.3')
def ext = new File(red, 'TEST-audit-audit-e2e_static-ext.xml').text
assert ext.contains('openssl-linked-in: /opt/python-fips/lib/python3.11/site-packages/_digest.cpython-311-x86_64-linux-gnu.so')
assert log.contains('python-fips: audit-e2e:venv-libssl: libcrypto-copy /home/python/venv/lib/python3.11/site-packages/vendored.libs/libcrypto.so.3: a copy of libcrypto (OpenSSL 3.0.')
assert log.contains('python-fips: audit-e2e:static-ext: openssl-linked-in /opt/python-fips/lib/python3.11/site-packages/_digest.cpython-311-x86_64-linux-gnu.so')
assert log.contains('2 of 2 audited image(s) RED')
// the fail-closed checks ran in every audited image and passed (the findings are what makes them RED)
assert (log =~ /fails-closed-environment FAILED/).count == 0
assert [venv, ext].every { it.contains('name="fails-closed-environment"/>') }
// run 11: refused before anything was audited or written
assert log.contains('<auditImages> audit-e2e:no-such-image: is not in the engine (fips:audit never pulls)')
assert log.contains('<auditImages> local/debian:bookworm: was not built FROM a python-fips image')
assert !new File(basedir, 'target/fips/audit-refused').exists()

// The optimisation: none in CI; pgo-lto, the release default, trained on the regression suite in the release e2e
// (-Pe2e-release: this pom's profile "release"). The interpreter's recorded build flags say which, and the recipe's -g0
// comes after configure's -g either way (GCC takes the last: no debug information built only to be stripped).
def built = new JsonSlurper().parse(new File(basedir, "target/fips/${ids[0]}/manifest.json"))
def pulled = record.cells[0].imageId    // the image run 6 pulled by digest: the id of the one built
def (fl, flags, flErr) = docker(['--entrypoint', 'env', pulled, 'python3', '-c',
        "import sysconfig; print(sysconfig.get_config_var('PY_CFLAGS_NODIST'))"])
assert fl == 0 : "build flags: ${flErr}"
assert flags.tokenize().findAll { it ==~ /-g\d?/ }.last() == '-g0' : "debug information off in the build flags: ${flags}"
if (built.python.optimizations == 'pgo-lto') {
    assert flags.contains('-fprofile-use') && flags.contains('-flto') : "pgo-lto build flags: ${flags}"
    assert built.python.pgoTraining == 'regression-suite'
    // when this run built the Python step (not the layer cache), its log shows the training: the whole suite
    // (--pgo-extended), hundreds of tests, never upstream's --pgo list of 44
    if (log.contains('run python: make ')) {
        assert log.contains('run python: make -j"$PYFIPS_JOBS" PROFILE_TASK=\'-m test --pgo-extended ')
        assert log =~ /Tests result: (SUCCESS|FAILURE)/ : 'the PGO training finished'
        def trainingTests = (log =~ /DOCKER> .*\[\s*\d+\/(\d+)\] /).collect { it[1] as int }.max()
        assert trainingTests > 200 : "the regression-suite training ran ${trainingTests} tests"
    }
} else {
    assert built.python.optimizations == 'none' && built.python.pgoTraining == 'none'
    assert !flags.contains('-fprofile-use') && !flags.contains('-flto') : "optimizations=none, yet: ${flags}"
}
return true
