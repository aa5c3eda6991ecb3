import groovy.json.JsonSlurper

def out = new File(basedir, 'target/fips')
def cells = new JsonSlurper().parse(new File(out, 'matrix.json')).cells
assert cells*.id == ['3.13.5-debian13-openssl3.5.7-fips3.1.2']
def c = cells[0]
assert c.openssl == '3.5.7' && c.fipsProvider == '3.1.2' && c.fipsValidated == true
assert c.platforms == ['linux/amd64', 'linux/arm64']
def ctx = new File(out, c.contextDir)
// the provider is built from its own, unmodified 3.1.2 tarball; the library from 3.5.7
def sums = new File(ctx, 'sources/SHA256SUMS').text
assert sums =~ /(?m)^[0-9a-f]{64}  openssl-3\.1\.2\.tar\.gz$/
assert sums =~ /(?m)^[0-9a-f]{64}  openssl-3\.5\.7\.tar\.gz$/
// the provider's own step: its canonical commands; the library's step builds no provider (no enable-fips)
assert new File(ctx, 'env/fips-module.commands').readLines().containsAll(['./Configure enable-fips', 'make', 'make install_fips'])
assert new File(ctx, 'env/openssl.commands').text.contains('\n./Configure no-tests shared --prefix=')
def dockerfile = new File(ctx, 'Dockerfile').text
// each build layer sees only its own tarball: the provider's layer first, then the library's (cached separately)
assert dockerfile.contains('COPY sources/SHA256SUMS.fips-module sources/openssl-3.1.2.tar.gz /fips/sources/')
assert dockerfile.contains('COPY sources/SHA256SUMS.openssl sources/openssl-3.5.7.tar.gz /fips/sources/')
assert new File(ctx, 'env/fips-module.env').text.contains("PYFIPS_FIPS_TARBALL='openssl-3.1.2.tar.gz'")
def manifest = new JsonSlurper().parse(new File(ctx, 'manifest.json'))
assert manifest.fips.buildCommands.contains('./Configure enable-fips')
assert manifest.fips.buildCommands.contains('make install_fips')
assert manifest.fips.builtWith == 'fips-module' && manifest.buildCommands.'fips-module' == manifest.fips.buildCommands
assert manifest.fips.standard == 'FIPS 140-3' && manifest.fips.certificates == ['4985']
// allow-non-security: the default provider is loaded, FIPS stays the default
def cnf = new File(ctx, 'openssl.cnf').text
assert cnf.contains('default = default_sect') && cnf.contains('default_properties = fips=yes')
return true
