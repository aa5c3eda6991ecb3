package dev.pythonfips.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <images><image>}: one explicit cell, same fields as the matrix but single values, and optionally its own
 * {@code <cryptography>} version (overrides the shared {@code <cryptography>} for this cell).
 */
public class Image {
    String python;
    String distro;
    String openssl;
    String fipsProvider;
    List<String> platforms = new ArrayList<>();
    String cryptography;
}
