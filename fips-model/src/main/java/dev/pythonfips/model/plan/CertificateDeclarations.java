package dev.pythonfips.model.plan;

import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.FipsModule;
import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.catalog.ModuleKindSupport;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code <fipsCertificates>}: validates each declared CMVP certificate and turns it into a user-declared
 * {@link FipsModule}, keyed by provider version. A version the catalog records is refused unless the declaration says
 * the same (then it is redundant: warned, and the catalog record is used).
 */
final class CertificateDeclarations {

    static final Set<String> STANDARDS = Set.of("FIPS 140-2", "FIPS 140-3");

    private static final Pattern CERTIFICATE_NUMBER = Pattern.compile("[1-9][0-9]{0,6}");
    private static final Pattern HTTPS_URL = Pattern.compile("https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\\s\"'`$\\\\<>]*)?");

    private final Catalog catalog;
    private final Wording w;

    CertificateDeclarations(Catalog catalog, Wording wording) {
        this.catalog = catalog;
        this.w = wording;
    }

    Map<String, FipsModule> check(List<FipsSpec.CertificateSpec> certs, List<Problem> problems, List<String> warnings) {
        Map<String, FipsModule> out = new TreeMap<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        ModuleKindSupport provider = catalog.moduleKind(ModuleKind.OPENSSL3_PROVIDER);
        for (int i = 0; i < certs.size(); i++) {
            FipsSpec.CertificateSpec c = certs.get(i);
            String where = w.item(w.element("fipsCertificates"), "fipsCertificate", i + 1);
            int before = problems.size();
            Optional<Version> module = Optional.empty();
            if (Fields.blank(c.module())) {
                problems.add(new Problem(w.child(where, "module"), "is missing", "set the OpenSSL 3 FIPS provider version the certificate covers, e.g. 3.5.4"));
            } else {
                module = Version.tryParse(c.module().trim());
                if (module.isEmpty()) {
                    problems.add(new Problem(w.child(where, "module"), "\"" + c.module() + "\" is not a version",
                            "write the provider's full release version, e.g. 3.5.4"));
                } else if (!provider.versions().contains(module.get())) {
                    Optional<ModuleKindSupport> kind = catalog.moduleKindOf(module.get());
                    String catalogued = kind.isEmpty() ? "" : " (" + kind.get().name() + " " + kind.get().versions().display()
                            + " is in the catalog already: " + catalog.fipsModules(kind.get().kind()).stream().map(m -> m.version()
                            + " " + m.standard() + " #" + String.join(", #", m.certificates())).toList() + ")";
                    problems.add(new Problem(w.child(where, "module"), "\"" + c.module().trim() + "\" is not an OpenSSL 3 FIPS provider version"
                            + catalogued, "declare certificates of OpenSSL 3 FIPS providers only, e.g. " + w.value("module", "3.5.4")));
                }
            }
            String number = c.number() == null ? "" : c.number().trim();
            if (!CERTIFICATE_NUMBER.matcher(number).matches()) {
                problems.add(new Problem(w.child(where, "number"), "\"" + c.number() + "\" is not a CMVP certificate number",
                        "write the certificate number as a positive integer without #, e.g. 4985"));
            }
            String standard = c.standard() == null ? "" : c.standard().trim();
            if (!STANDARDS.contains(standard)) {
                problems.add(new Problem(w.child(where, "standard"), "\"" + c.standard() + "\" is not a FIPS standard",
                        "write FIPS 140-2 or FIPS 140-3, as on the certificate"));
            }
            String sunset = c.sunset() == null ? "" : c.sunset().trim();
            LocalDate sunsetDay = null;
            try {
                sunsetDay = LocalDate.parse(sunset);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new Problem(w.child(where, "sunset"), "\"" + c.sunset() + "\" is not an ISO date",
                        "copy the certificate's sunset date as YYYY-MM-DD, e.g. 2030-10-09"));
            }
            String url = c.url() == null ? "" : c.url().trim();
            if (!HTTPS_URL.matcher(url).matches()) {
                problems.add(new Problem(w.child(where, "url"), "\"" + c.url() + "\" is not an https URL",
                        "link the certificate page, e.g. https://csrc.nist.gov/projects/cryptographic-module-validation-program/certificate/" + (number.isEmpty() ? "4985" : number)));
            }
            if (problems.size() > before) {
                continue;
            }
            String version = module.get().toString();
            Integer earlier = firstIndex.putIfAbsent(version, i + 1);
            if (earlier != null) {
                problems.add(new Problem(w.child(where, "module"), "module " + version + " is declared twice (also by "
                        + w.item(w.element("fipsCertificates"), "fipsCertificate", earlier) + ")",
                        "keep one " + w.element("fipsCertificate") + " per module"));
                continue;
            }
            Optional<FipsModule> catalogued = catalog.fipsModule(version);
            if (catalogued.isPresent()) {
                if (catalogued.get().certificates().contains(number) && catalogued.get().standard().equals(standard)) {
                    warnings.add(where + ": module " + version + " is in the catalog already (" + catalogued.get().standard()
                            + " #" + String.join(", #", catalogued.get().certificates()) + "); the declaration is redundant, the catalog record is used");
                } else {
                    problems.add(new Problem(where, "module " + version + " is catalogued with " + catalogued.get().standard()
                            + " certificate #" + String.join(", #", catalogued.get().certificates()) + " ("
                            + String.join("; ", catalogued.get().records()) + "), the declaration says " + standard + " #" + number,
                            "remove the declaration, or check the certificate number and standard on csrc.nist.gov"));
                }
                continue;
            }
            // a sunset in the past makes it historical, exactly like the catalog's FIPS 140-2 entries (warned per cell)
            out.put(version, new FipsModule(version, ModuleKind.OPENSSL3_PROVIDER, "OpenSSL FIPS Provider " + version, standard,
                    List.of(number), sunsetDay.toString(),
                    List.of("declared in " + w.configuration() + ": " + where + ", " + url), FipsModule.USER_DECLARED));
        }
        return out;
    }
}
