import groovy.json.JsonSlurper

def out = new File(basedir, 'target/fips')
def log = new File(basedir, 'build.log').text
def matrix = new JsonSlurper().parse(new File(out, 'matrix.json'))
assert matrix.cells.size() == 1
def cell = matrix.cells[0]
assert cell.id == '3.12.3-rocky9-openssl3.1.2'
assert cell.python == '3.12.3' && cell.distro == 'rocky9' && cell.openssl == '3.1.2' && cell.fipsProvider == '3.1.2'
assert cell.platforms == ['linux/amd64']
assert cell.image == 'python-fips:3.12.3-rocky9-openssl3.1.2'
assert cell.fipsValidated == true

def ctx = new File(out, cell.contextDir)
def dockerfile = new File(ctx, 'Dockerfile').text
assert dockerfile.contains('FROM docker.io/rockylinux/rockylinux:9-minimal AS patch')
assert dockerfile.contains('FROM docker.io/rockylinux/rockylinux:9-minimal AS build')
assert dockerfile.contains('FROM docker.io/rockylinux/rockylinux:9-minimal AS runtime')
assert dockerfile.contains('USER 10001:10001')
assert dockerfile.contains(' dev.pythonfips.fips.certificate="4985"')
assert dockerfile.contains('RUN /opt/python-fips/libexec/python-fips/fipsinstall.sh')
def packages = new File(ctx, 'scripts/packages.sh').text
assert packages.contains('microdnf install') && packages.contains("ENABLE_REPOS='crb'")
assert !(packages =~ /PKGS_runtime='[^']*\bgcc\b/)
def sums = new File(ctx, 'sources/SHA256SUMS').text
assert sums =~ /(?m)^[0-9a-f]{64}  Python-3\.12\.3\.tar\.xz$/
assert sums =~ /(?m)^[0-9a-f]{64}  openssl-3\.1\.2\.tar\.gz$/
assert new File(ctx, 'cell.env').text.contains("PYFIPS_PYTHON_MINOR='3.12'")
assert new File(ctx, 'patches/python-fips.patch').length() > 0
assert new File(ctx, 'openssl.cnf').text.contains('default_properties = fips=yes')
assert log.contains('3.12.3-rocky9-openssl3.1.2') && log.contains('FIPS 140-3')
return true
