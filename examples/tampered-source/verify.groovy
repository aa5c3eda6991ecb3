def log = new File(basedir, 'build.log').text
assert log.contains('SHA-256 mismatch for Python-3.12.99.tar.xz')
assert log.contains('expected 3aa4551d774ed93608114e1e5478b46808fdc74d6a8e85556eb22db1ba19e348')
assert log.contains('got 61b8352d530fb365b840fdef86f591a8b230453326c958eaad401666c51087e9')
assert log.contains('the file was discarded')
assert !new File(basedir, 'target/fips').exists() : 'nothing may be written'
// the refused file is not cached anywhere
def cache = new File(System.getProperty('user.home'), '.cache/python-fips/sources/3aa4551d774ed93608114e1e5478b46808fdc74d6a8e85556eb22db1ba19e348')
assert !cache.exists()
return true
