/* A small extension module statically linked against the distro's libcrypto.a: its SHA-256 runs in that copy of
   OpenSSL, not in the image's FIPS module. fips:audit must name the file. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <openssl/evp.h>

static PyObject *sha256(PyObject *self, PyObject *arg) {
    Py_buffer b;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (PyObject_GetBuffer(arg, &b, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    EVP_Digest(b.buf, (size_t)b.len, md, &n, EVP_sha256(), NULL);
    PyBuffer_Release(&b);
    return PyBytes_FromStringAndSize((const char *)md, n);
}

static PyMethodDef methods[] = {{"sha256", sha256, METH_O, "SHA-256 by a static libcrypto"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_digest", NULL, -1, methods};

PyMODINIT_FUNC PyInit__digest(void) { return PyModule_Create(&module); }
