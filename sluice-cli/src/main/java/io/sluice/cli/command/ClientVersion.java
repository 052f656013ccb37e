package io.sluice.cli.command;

/**
 * The version of sluicectl: the jar manifest's {@code Implementation-Version}, or the build's version when
 * running from classes (tests, an IDE) where there is no manifest.
 */
public final class ClientVersion
{
    private static final String FALLBACK = "0.1.0-SNAPSHOT";

    private ClientVersion() {}

    public static String get()
    {
        String version = ClientVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? FALLBACK : version;
    }
}
