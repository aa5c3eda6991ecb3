package dev.pythonfips.model;

import java.time.LocalDate;
import java.util.List;

/** The CMVP validation record of one FIPS module version (from {@code fips-modules.json}). */
public record FipsModule(String version, String kind, String name, String standard, List<String> certificates,
                         String historicalAfter, List<String> records) {

    public FipsModule {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        records = records == null ? List.of() : List.copyOf(records);
        historicalAfter = historicalAfter == null ? "" : historicalAfter;
    }

    /** True once a FIPS 140-2-only certificate has moved to the CMVP historical list. */
    public boolean isHistoricalOn(LocalDate day) {
        return !historicalAfter.isEmpty() && day.isAfter(LocalDate.parse(historicalAfter));
    }
}
