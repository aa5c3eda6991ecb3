import groovy.json.JsonSlurper

def out = new File(basedir, 'target/fips')
def cells = new JsonSlurper().parse(new File(out, 'matrix.json')).cells
assert cells*.id == ['3.11.9-debian12-openssl3.1.2', '3.12.3-debian12-openssl3.1.2', '3.12.3-debian13-openssl3.1.2']
assert cells*.image == ['python-fips/debian12:3.11.9', 'python-fips/debian12:3.12.3', 'python-fips/debian13:3.12.3']
def ctx = new File(out, '3.12.3-debian13-openssl3.1.2')
def dockerfile = new File(ctx, 'Dockerfile').text
assert dockerfile.contains('FROM docker.io/library/debian:trixie-slim AS runtime')
// fipsInstall=startup: no fipsinstall at build time, the prefix's ssl dir belongs to the runtime user
assert !dockerfile.contains('RUN /opt/python-fips/libexec/python-fips/fipsinstall.sh')
assert dockerfile.contains('RUN ln -s /tmp/python-fips/fipsmodule.cnf /opt/python-fips/ssl/fipsmodule.cnf')
assert new File(ctx, 'scripts/packages.sh').text.contains('apt-get install')
assert new File(ctx, 'cell.env').text.contains("PYFIPS_EXTRA_PACKAGES='tzdata'")
assert new File(ctx, 'openssl.cnf').text.contains('strict')
assert !new File(ctx, 'openssl.cnf').text.contains('default = default_sect')
assert new File(basedir, 'build.log').text.contains('sources were not fetched')
return true
