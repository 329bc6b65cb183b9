package dev.gantry.local.rollout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the proxy and the instances in a session of their own where the system has {@code setsid}: a Ctrl-C at
 * the terminal reaches the whole foreground process group, and the environment must keep serving while the
 * interrupted run waits to be continued. Elsewhere they start as plain children, which a Ctrl-C may stop; the
 * next action of the continued run starts them again.
 */
final class Detached {

    private static final Optional<Path> SETSID = find();

    private Detached() {}

    static List<String> command(List<String> command) {
        if (SETSID.isEmpty()) return command;
        List<String> detached = new ArrayList<>();
        detached.add(SETSID.get().toString());
        // --wait keeps the pid the one to stop, should setsid ever have to fork.
        detached.add("--wait");
        detached.addAll(command);
        return detached;
    }

    private static Optional<Path> find() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) return Optional.empty();
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        if (path != null) dirs.addAll(0, List.of(path.split(File.pathSeparator)));
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "setsid"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
