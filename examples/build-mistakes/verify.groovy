def log = new File(basedir, 'build.log').text
def id = '3.11.2-debian12-openssl3.0.20'
// runs 1-3: numbers and contradictions, named as given (-D), refused before anything is generated or built
assert log.contains('python-fips: -Dfips.build.heartbeatSeconds is 0: give the seconds between progress lines, 1 to 3600 (default 60)')
assert log.contains('python-fips: -Dfips.verify.cpythonTests runs CPython\'s tests in the images, but <keepTests> (fips.keepTests) is false')
assert log.contains('nothing was built')
assert log.contains('python-fips: -Dfips.verify.timeout is 0: give the seconds one image\'s conformance run may take before it is stopped')
// run 5: a verify with nothing built: one error, no report
assert log.contains("python-fips: nothing to verify for ${id}")
assert log.contains('Fix: run fips:build (mvn package) first')
assert !new File(basedir, 'target/fips/report').exists() : 'no report for a verify that checked nothing'
// run 6: a boolean that is not true or false
assert log.contains('-Dfips.pip=maybe is not true or false')
// run 7: a bad value given with -D is named as the -D property, not as a <uid> the pom does not have
assert log.contains('-Dfips.uid: "abc" is not a non-root numeric user id')
assert !log.contains('<uid>: "abc"')
// nothing built, no stack trace
assert !new File(basedir, 'target/docker').exists()
assert !(log =~ /(?m)^\s+at [a-zA-Z_.$]+\(/) : 'a user mistake must not print a stack trace'
return true
