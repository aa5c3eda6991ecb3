/*
 * pyfips_guard.h - python-fips for Maven (patches/common/), copied into Modules/ before our per-minor patch.
 *
 * WHAT
 *   pyfips_guard(name) is called when _hashlib or _ssl is imported (our per-minor patch adds the call as the
 *   module's first exec step, or at the top of PyInit on 3.9).  It lets the import go on only when OpenSSL is in
 *   FIPS mode with THIS image's configuration; otherwise the import raises RuntimeError with one message that
 *   names the cause and the fix.  hashlib, hmac and ssl import these modules without catching RuntimeError, so
 *   they fail the same way: Python never runs crypto outside FIPS mode silently.
 *
 * WHY
 *   Upstream CPython carries on without FIPS when OpenSSL's configuration did not load (fipsmodule.cnf missing,
 *   OPENSSL_CONF=/dev/null, OPENSSL_MODULES elsewhere, a self-test failure): get_fips_mode() is 0 and md5 works.
 *   The `openssl` command refuses to start in the same situation; Python must not be weaker.
 *
 * CHECKS (OpenSSL 3), in order; the first that fails is reported
 *   1. OPENSSL_CONF and OPENSSL_MODULES are unset or name exactly this build's files (OPENSSLDIR/openssl.cnf,
 *      MODULESDIR).  Nothing in the environment can select another configuration or module.
 *   2. OPENSSLDIR/fipsmodule.cnf is readable.  When it is a dangling symbolic link, the image was built with
 *      fipsInstall=startup: the module's self-tests and config are produced now, on this machine, by
 *      <prefix>/libexec/python-fips/fipsinstall.sh --if-needed (whatever way the container was started).
 *   3. The configuration loads (config_diagnostics = 1 makes any error fatal).
 *   4. The "fips" provider is available (loaded, self-tests passed).
 *   5. FIPS is the default for every fetch (default_properties = fips=yes).
 *   OpenSSL 1.0.2 with the FIPS Object Module: FIPS_mode_set(1) is called if FIPS mode is off; failure refuses.
 *
 * The prefix is not compiled in: it comes from the OpenSSL library Python is linked with (OPENSSLDIR is
 * <prefix>/ssl), so the same build layer serves every policy and fipsInstall choice.
 */
#ifndef PYFIPS_GUARD_H
#define PYFIPS_GUARD_H

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/evp.h>
#include <openssl/provider.h>
#endif

extern char **environ;

#define PYFIPS_PATH_MAX 4096

static int
pyfips_refuse(const char *module, const char *cause, const char *fix)
{
    PyErr_Format(PyExc_RuntimeError,
                 "python-fips: %s is disabled because OpenSSL is not in FIPS mode: %s. Fix: %s.",
                 module, cause, fix);
    return -1;
}

/* The first queued OpenSSL error as text (or a fallback), and the queue cleared. */
static const char *
pyfips_openssl_error(char *buf, size_t len, const char *fallback)
{
    unsigned long e = ERR_peek_last_error();
    if (e == 0) {
        snprintf(buf, len, "%s", fallback);
    }
    else {
        ERR_error_string_n(e, buf, len);
    }
    ERR_clear_error();
    return buf;
}

#if OPENSSL_VERSION_NUMBER >= 0x30000000L

/* MODULESDIR as compiled into libcrypto: OpenSSL_version() gives `MODULESDIR: "/path"`. */
static int
pyfips_modules_dir(char *out, size_t len)
{
    const char *v = OpenSSL_version(OPENSSL_MODULES_DIR);
    const char *start = v != NULL ? strchr(v, '"') : NULL;
    const char *end = start != NULL ? strrchr(v, '"') : NULL;
    if (start == NULL || end == NULL || end <= start + 1 || (size_t)(end - start) > len) {
        return -1;
    }
    memcpy(out, start + 1, (size_t)(end - start - 1));
    out[end - start - 1] = '\0';
    return 0;
}

/* Runs <prefix>/libexec/python-fips/fipsinstall.sh and waits for it; returns its exit status or -1. */
static int
pyfips_run_fipsinstall(const char *openssldir)
{
    char prefix[PYFIPS_PATH_MAX], installer[PYFIPS_PATH_MAX];
    snprintf(prefix, sizeof(prefix), "%s", openssldir);
    char *slash = strrchr(prefix, '/');
    if (slash == NULL) {
        return -1;
    }
    *slash = '\0';
    snprintf(installer, sizeof(installer), "%s/libexec/python-fips/fipsinstall.sh", prefix);
    char *argv[] = {installer, "--if-needed", NULL};
    pid_t pid;
    if (posix_spawn(&pid, installer, NULL, NULL, argv, environ) != 0) {
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
pyfips_guard(const char *module)
{
    char conf[PYFIPS_PATH_MAX], fipsmodule[PYFIPS_PATH_MAX], modules[PYFIPS_PATH_MAX];
    char cause[PYFIPS_PATH_MAX + 512], err[256];
    const char *openssldir = X509_get_default_cert_area();
    snprintf(conf, sizeof(conf), "%s/openssl.cnf", openssldir);
    snprintf(fipsmodule, sizeof(fipsmodule), "%s/fipsmodule.cnf", openssldir);
    if (pyfips_modules_dir(modules, sizeof(modules)) < 0) {
        return pyfips_refuse(module, "libcrypto reports no MODULESDIR", "rebuild the image");
    }

    const char *env = getenv("OPENSSL_CONF");
    if (env != NULL && strcmp(env, conf) != 0) {
        snprintf(cause, sizeof(cause), "OPENSSL_CONF=%s replaces this image's FIPS configuration %s", env, conf);
        return pyfips_refuse(module, cause, "unset OPENSSL_CONF (this Python runs only with its own FIPS configuration)");
    }
    env = getenv("OPENSSL_MODULES");
    if (env != NULL && strcmp(env, modules) != 0) {
        snprintf(cause, sizeof(cause), "OPENSSL_MODULES=%s replaces this image's module directory %s", env, modules);
        return pyfips_refuse(module, cause, "unset OPENSSL_MODULES (this Python loads only its own FIPS provider)");
    }

    if (access(fipsmodule, R_OK) != 0) {
        struct stat st;
        int is_link = lstat(fipsmodule, &st) == 0 && S_ISLNK(st.st_mode);
        if (!is_link) {
            snprintf(cause, sizeof(cause), "the FIPS module configuration %s cannot be read (%s)", fipsmodule, strerror(errno));
            return pyfips_refuse(module, cause,
                                 "rebuild the image (fipsInstall=build writes it when the image is built) and do not remove it");
        }
        /* fipsInstall=startup: self-tests and module config on the machine that runs the container. */
        int rc = pyfips_run_fipsinstall(openssldir);
        if (rc != 0 || access(fipsmodule, R_OK) != 0) {
            snprintf(cause, sizeof(cause),
                     "the FIPS module configuration %s could not be produced on this machine (fipsinstall.sh exit %d)",
                     fipsmodule, rc);
            return pyfips_refuse(module, cause,
                                 "give the container a writable /tmp (docker run --tmpfs /tmp, or a Kubernetes emptyDir "
                                 "mounted on /tmp), or build the image with <fipsInstall>build</fipsInstall>");
        }
    }

    if (!OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL)) {
        snprintf(cause, sizeof(cause), "%s did not load (%s)", conf,
                 pyfips_openssl_error(err, sizeof(err), "no OpenSSL error recorded"));
        return pyfips_refuse(module, cause, "restore the image's configuration files, or rebuild the image");
    }
    if (!OSSL_PROVIDER_available(NULL, "fips")) {
        snprintf(cause, sizeof(cause), "the FIPS provider is not loaded (%s)",
                 pyfips_openssl_error(err, sizeof(err), "no OpenSSL error recorded"));
        return pyfips_refuse(module, cause, "check that the FIPS provider's self-tests pass: openssl list -providers");
    }
    if (!EVP_default_properties_is_fips_enabled(NULL)) {
        return pyfips_refuse(module, "the FIPS provider is loaded but not the default (default_properties lacks fips=yes)",
                             "restore the image's openssl.cnf");
    }
    return 0;
}

#else /* OpenSSL 1.0.2 with the FIPS Object Module 2.0 */

static int
pyfips_guard(const char *module)
{
    char cause[512], err[256];
#ifdef OPENSSL_FIPS
    if (FIPS_mode() || FIPS_mode_set(1)) {
        return 0;
    }
    snprintf(cause, sizeof(cause), "FIPS_mode_set(1) failed (%s)",
             pyfips_openssl_error(err, sizeof(err), "no OpenSSL error recorded"));
    return pyfips_refuse(module, cause, "check the FIPS Object Module's self-tests and fipscanister integrity");
#else
    (void)err;
    snprintf(cause, sizeof(cause), "this OpenSSL (%s) was built without FIPS support", OPENSSL_VERSION_TEXT);
    return pyfips_refuse(module, cause, "build OpenSSL with the FIPS Object Module (./config fips)");
#endif
}

#endif /* OPENSSL_VERSION_NUMBER */

/* Py_mod_exec form, for modules with multi-phase initialisation (3.11+). */
static inline int
pyfips_guard_exec(PyObject *module)
{
    const char *name = PyModule_GetName(module);
    return pyfips_guard(name != NULL ? name : "OpenSSL");
}

#endif /* PYFIPS_GUARD_H */
