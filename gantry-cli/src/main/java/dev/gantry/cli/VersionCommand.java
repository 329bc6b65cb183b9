package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.release.ReleaseScope;
import dev.gantry.version.Contribution;
import dev.gantry.version.ReleaseTag;
import dev.gantry.version.Version;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "version",
        sortOptions = false,
        description = {
            "Print the next version: the last stable release reachable from the commit, bumped by the"
                    + " Conventional Commits since (breaking: major, feat: minor, fix/perf/revert: patch).",
            "Exits 3 when there is nothing to release."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  v=$(gantry version)                 next version of the repository here",
            "  gantry version --explain            every commit and what it contributed",
            "  gantry version --at v2.3.0          recompute a past release",
            "  gantry version --component api      one component of the plan",
            "  gantry version --channel rc --json  next release candidate, for machines"
        })
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(
            names = "--at",
            paramLabel = "REF",
            description = "Compute the version for this commit as if it were released now; tags on it are ignored.")
    String at;

    @Option(names = "--component", paramLabel = "NAME", description = "Only this component of the plan.")
    String component;

    @Option(
            names = "--channel",
            paramLabel = "NAME",
            description = "Pre-release channel such as rc or beta (overrides the plan).")
    String channel;

    @Option(names = "--hotfix", description = "Declare a hotfix release (also implied on a hotfix/* branch).")
    boolean hotfix;

    @Option(names = "--explain", description = "List every commit of the range with what it contributed and why.")
    boolean explain;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Versioning policy = workspace.plan().versioning();
        if (channel != null) policy = policy.withChannel(channel);
        String ref = at != null ? at : "HEAD";
        List<Workspace.Named<VersionDecision>> decisions = new ArrayList<>();
        for (Workspace.Named<ReleaseScope> scope :
                workspace.scopes(Optional.ofNullable(component), ref, at != null, hotfix)) {
            decisions.add(
                    new Workspace.Named<>(scope.name(), workspace.history().next(policy, scope.value())));
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Workspace.Named<VersionDecision> d : decisions) {
            d.value().unmatchedTags().ifPresent(u -> err.println("warning: " + u.describe(d.name())));
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        boolean single = decisions.size() == 1;
        if (json) {
            out.println(json(decisions, single));
        } else if (explain) {
            decisions.forEach(d -> out.print(TerminalText.of(explain(d))));
        } else {
            for (Workspace.Named<VersionDecision> d : decisions) {
                d.value().next().ifPresent(v -> out.println(single ? v.toString() : d.name() + " " + v));
            }
        }
        out.flush();
        if (decisions.stream().noneMatch(d -> d.value().hasRelease())) {
            return workspace.nothingToRelease();
        }
        return ExitCode.OK;
    }

    private static String explain(Workspace.Named<VersionDecision> named) {
        VersionDecision d = named.value();
        StringBuilder s = new StringBuilder();
        if (!named.name().isEmpty()) s.append("component ").append(named.name()).append("\n");
        s.append("last release: ")
                .append(d.lastRelease()
                        .map(t -> t.name() + " at " + t.commit().substring(0, 7))
                        .orElse("none"))
                .append("\n");
        s.append("commits: ").append(d.contributions().size()).append("\n");
        for (Contribution c : d.contributions()) {
            s.append(String.format(
                    "  %s  %-8s %-6s %s%n      %s%n",
                    c.commit().shortHash(),
                    c.kind().name().toLowerCase(Locale.ROOT),
                    c.bump().label(),
                    c.commit().message().header(),
                    c.reason()));
        }
        d.notes().forEach(n -> s.append("note: ").append(n).append("\n"));
        s.append("next: ")
                .append(d.next()
                        .map(v -> v + " (" + d.releaseType().label() + " release)")
                        .orElse("nothing to release"))
                .append("\n");
        return s.toString();
    }

    private static String json(List<Workspace.Named<VersionDecision>> decisions, boolean single) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Workspace.Named<VersionDecision> named : decisions) {
            Map<String, Object> m = jsonOf(named.value());
            if (!named.name().isEmpty()) m.put("component", named.name());
            all.add(m);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(single ? all.get(0) : Map.of("components", all));
    }

    private static Map<String, Object> jsonOf(VersionDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", d.next().map(Version::toString).orElse(null));
        m.put("releaseType", d.hasRelease() ? d.releaseType().label() : null);
        m.put("bump", d.bump().label());
        m.put("lastRelease", d.lastRelease().map(VersionCommand::tagJson).orElse(null));
        List<Map<String, Object>> commits = new ArrayList<>();
        for (Contribution c : d.contributions()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("hash", c.commit().hash());
            cm.put("header", c.commit().message().header());
            cm.put("contribution", c.kind().name().toLowerCase(Locale.ROOT));
            cm.put("bump", c.bump().label());
            cm.put("reason", c.reason());
            commits.add(cm);
        }
        m.put("commits", commits);
        m.put("notes", d.notes());
        d.unmatchedTags().ifPresent(u -> m.put("warning", u.describe("")));
        return m;
    }

    private static Map<String, Object> tagJson(ReleaseTag tag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", tag.name());
        m.put("version", tag.version().toString());
        m.put("commit", tag.commit());
        return m;
    }
}
