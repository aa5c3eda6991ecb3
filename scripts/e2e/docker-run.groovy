// Shared by the e2e examples' verify.groovy (loaded with evaluate(); the invoker passes projectRoot):
// `docker run --rm --network none ARGS...`, waited for with both streams read; returns [exit status, stdout, stderr].
return { List<String> args ->
    def p = (['docker', 'run', '--rm', '--network', 'none'] + args).execute()
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    [p.exitValue(), out.toString(), err.toString()]
}
