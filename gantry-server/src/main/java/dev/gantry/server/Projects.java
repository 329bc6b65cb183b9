package dev.gantry.server;

import dev.gantry.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The projects the server coordinates, by name. */
public final class Projects implements AutoCloseable {

    private final Map<String, ProjectHome> byName;

    private Projects(Map<String, ProjectHome> byName) {
        this.byName = byName;
    }

    /** Opens every project in {@code data}, cloning those it has not cloned yet; none is open when one fails. */
    static Projects open(List<Project> projects, Path data, ProjectHome.Records records, ServerLog log)
            throws ServerException {
        Map<String, ProjectHome> byName = new LinkedHashMap<>();
        for (Project project : projects) {
            if (byName.containsKey(project.name())) {
                closeAll(byName.values());
                throw new ServerException("project " + project.name() + " is named twice");
            }
            try {
                byName.put(project.name(), ProjectHome.open(project, data, records, log));
            } catch (ServerException e) {
                closeAll(byName.values());
                throw e;
            }
        }
        return new Projects(byName);
    }

    public Optional<ProjectHome> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The project of that name; a name the server does not have is refused with those it has. */
    ProjectHome named(String name) {
        return get(name)
                .orElseThrow(() -> ApiException.notFound("unknown project \"" + name + "\"; the server has: "
                        + String.join(
                                ", ", all().stream().map(ProjectHome::name).toList())));
    }

    public List<ProjectHome> all() {
        return new ArrayList<>(byName.values());
    }

    @Override
    public void close() {
        closeAll(byName.values());
    }

    private static void closeAll(Collection<ProjectHome> homes) {
        for (ProjectHome home : homes) {
            try {
                home.close();
            } catch (StoreException e) {
                // Closing gives nothing back that a caller could act on; the records are durable already.
            }
        }
    }
}
