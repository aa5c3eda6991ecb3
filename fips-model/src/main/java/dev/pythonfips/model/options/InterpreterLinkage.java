package dev.pythonfips.model.options;

import java.util.Optional;

/**
 * {@code <interpreterLinkage>}: how {@code bin/python3.X} holds the interpreter, decided at configure time. The
 * {@code executable-*} linkages build CPython without {@code --enable-shared}: the interpreter is linked into the
 * executable from CPython's own objects, as Debian links {@code /usr/bin/python3.11}, and there is no
 * {@code libpython3.X.so} (Debian ships it in a separate package, {@code libpython3.11}, which its python3 does not
 * need). {@code shared} builds with {@code --enable-shared}: the executable loads {@code libpython3.X.so}, which
 * programs that embed Python (mod_wsgi, uWSGI, PyInstaller) need too. The compile and link flags of each are
 * {@link BuildChoices#linkageMakeArguments}.
 */
public enum InterpreterLinkage implements Choice {
    /**
     * the default: the interpreter in the executable, a position-independent executable (its code and data get a
     * random address, as every other binary's)
     */
    EXECUTABLE_PIE("executable-pie", "-pie"),
    /**
     * the same at a fixed address, not position-independent: as Debian links {@code /usr/bin/python3.11}; the
     * fastest (the LTO link generates code for a known address)
     */
    EXECUTABLE_NO_PIE("executable-no-pie", "-no-pie"),
    /**
     * {@code --enable-shared}: the executable loads libpython3.X.so (python.org's build, docker-library's images);
     * for images in which programs embed Python
     */
    SHARED("shared", null);

    private final String value;
    private final String linkFlag;

    InterpreterLinkage(String value, String linkFlag) {
        this.value = value;
        this.linkFlag = linkFlag;
    }

    public String value() {
        return value;
    }

    /** CPython is configured {@code --enable-shared}, and libpython3.X.so installed: {@link #SHARED} only. */
    public boolean sharedLibrary() {
        return this == SHARED;
    }

    /** GCC's option for the kind of executable: {@code -pie} or {@code -no-pie}; null for {@link #SHARED}. */
    public String linkFlag() {
        return linkFlag;
    }

    public static Optional<InterpreterLinkage> parse(String text) {
        return Choice.parse(values(), text);
    }

    @Override
    public String toString() {
        return value;
    }
}
