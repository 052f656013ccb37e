package io.sluice.launcher;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or "dev" when running from classes. */
public final class SluiceVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Sluice.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (version == null ? "dev" : version)};
    }
}
