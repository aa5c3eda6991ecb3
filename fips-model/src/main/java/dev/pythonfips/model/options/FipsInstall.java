package dev.pythonfips.model.options;

import java.util.Optional;

/** {@code <fipsInstall>}: where {@code openssl fipsinstall} runs. */
public enum FipsInstall implements Choice {
    /** in the runtime stage of the image build */
    BUILD("build"),
    /** on first use in each container, on the machine that runs it */
    STARTUP("startup");

    private final String value;

    FipsInstall(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<FipsInstall> parse(String text) {
        return Choice.parse(values(), text);
    }

    @Override
    public String toString() {
        return value;
    }
}
