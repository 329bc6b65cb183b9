package dev.gantry.server.web;

import dev.gantry.coordinate.EnvironmentStatus;
import java.util.List;
import java.util.Optional;

/** {@code /}: every project of the server, each environment with what it runs and how its last run stands. */
public final class ProjectsPage {

    /**
     * One project as the page shows it.
     *
     * @param problem why its environments cannot be shown (its plan cannot be read), when they cannot
     */
    public record Project(String name, List<EnvironmentStatus> environments, Optional<String> problem) {
        public Project {
            environments = List.copyOf(environments);
        }
    }

    private ProjectsPage() {}

    public static String render(List<Project> projects, Viewer viewer) {
        StringBuilder body = new StringBuilder("<h1>Projects</h1>\n");
        if (projects.isEmpty()) body.append("<p>This server has no projects.</p>\n");
        for (Project project : projects) {
            String href = "/projects/" + Markup.url(project.name());
            body.append("<section class=\"card\"><h2><a href=\"")
                    .append(Markup.esc(href))
                    .append("\">")
                    .append(Markup.esc(project.name()))
                    .append("</a></h2>\n");
            if (project.problem().isPresent()) {
                body.append("<p class=\"problem\">")
                        .append(Markup.esc(project.problem().get()))
                        .append("</p>");
            } else {
                body.append(Environments.table(project.name(), project.environments()));
            }
            body.append("</section>\n");
        }
        return Layout.page("Projects", viewer, List.of(new Layout.Crumb("projects", "")), body.toString());
    }
}
