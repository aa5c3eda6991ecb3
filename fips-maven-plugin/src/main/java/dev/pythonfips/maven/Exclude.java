package dev.pythonfips.maven;

/** {@code <excludes><exclude>}: removes matching cells; with {@code <platform>}, only that platform. */
public class Exclude {
    String python;
    String distro;
    String openssl;
    String fipsProvider;
    String platform;
}
