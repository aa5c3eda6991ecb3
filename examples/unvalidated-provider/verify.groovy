def log = new File(basedir, 'build.log').text
assert log.contains('has no CMVP validation on record')
assert log.contains('allowUnvalidatedProvider')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/fips').exists()
return true
