package dev.vtlab.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code vtlab --version}: the lab's version, and the JDK and machine it runs on (lesson results depend on both). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String lab = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "vtlab " + (lab == null ? "(development build)" : lab),
            "JDK   " + System.getProperty("java.vm.name") + " " + Runtime.version()
                    + " (" + System.getProperty("java.vendor") + ")",
            "      " + System.getProperty("java.home"),
            "OS    " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores"};
    }
}
