// Shared by the e2e examples' verify.groovy (loaded with evaluate(); the invoker passes projectRoot):
// `docker [-H ENGINE] run --rm --network none ARGS...`, waited for with both streams read; returns [exit status, stdout,
// stderr]. ENGINE (optional): the engine the project built on (its docker.host), else the docker CLI's default.
return { List<String> args, String engine = null ->
    def p = (['docker'] + (engine ? ['-H', engine] : []) + ['run', '--rm', '--network', 'none'] + args).execute()
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    [p.exitValue(), out.toString(), err.toString()]
}
