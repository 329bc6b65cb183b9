package dev.gantry.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of Gantry itself, from the jar's manifest when built, else the development marker. */
final class GantryVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = GantryVersion.class.getPackage().getImplementationVersion();
        return new String[] {"gantry " + (version != null ? version : "development build")};
    }
}
