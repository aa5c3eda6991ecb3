package dev.pythonfips.model.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * The CMVP validation record of one FIPS module version: from {@code fips-modules.json} ({@code source} =
 * {@value #CATALOG}) or declared in the pom with {@code <fipsCertificates>} ({@value #USER_DECLARED}).
 *
 * @param historicalAfter the day after which the certificate is on the CMVP historical list (the sunset date of a
 *                        declared certificate); empty when none is known
 * @param source          {@value #CATALOG} or {@value #USER_DECLARED}
 */
public record FipsModule(String version, ModuleKind kind, String name, String standard, List<String> certificates,
                         String historicalAfter, List<String> records, String source) {

    public static final String CATALOG = "catalog";
    public static final String USER_DECLARED = "user-declared";

    public FipsModule {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        records = records == null ? List.of() : List.copyOf(records);
        historicalAfter = historicalAfter == null ? "" : historicalAfter;
        source = source == null || source.isBlank() ? CATALOG : source;
    }

    /** True once the certificate has moved to the CMVP historical list. */
    public boolean isHistoricalOn(LocalDate day) {
        return !historicalAfter.isEmpty() && day.isAfter(LocalDate.parse(historicalAfter));
    }

    public boolean userDeclared() {
        return USER_DECLARED.equals(source);
    }
}
