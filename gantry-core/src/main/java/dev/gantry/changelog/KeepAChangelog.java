package dev.gantry.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders releases as Keep a Changelog 1.1.0 sections. */
public final class KeepAChangelog {

    public static final String HEADER =
            """
            # Changelog

            All notable changes to this project will be documented in this file.

            The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
            and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).
            """;

    private static final List<String> HEADING_ORDER =
            List.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security");
    private static final Pattern ISSUE = Pattern.compile("(?<![\\w\\[])#(\\d+)\\b");

    private final ChangelogSettings settings;
    private final Links links;

    public KeepAChangelog(ChangelogSettings settings, Links links) {
        this.settings = settings;
        this.links = links;
    }

    /** A rendered section and the link reference that belongs at the bottom of the file, if any. */
    public record Section(String title, String text, Optional<String> linkReference) {}

    public Section render(ReleaseChanges release) {
        StringBuilder out = new StringBuilder();
        out.append("## [").append(release.title()).append("]");
        // Keep a Changelog's Unreleased section has no date: nothing was released yet.
        if (!release.title().equals(ReleaseChanges.UNRELEASED))
            out.append(" - ").append(release.date());
        out.append("\n");
        Map<String, List<Entry>> groups = group(release);
        if (groups.isEmpty()) {
            out.append("\nNo notable changes.\n");
        }
        for (Map.Entry<String, List<Entry>> group : groups.entrySet()) {
            out.append("\n### ").append(group.getKey()).append("\n\n");
            for (Entry entry : group.getValue()) {
                out.append(line(entry)).append("\n");
            }
        }
        Optional<String> reference = Optional.empty();
        if (release.tag().isPresent() && release.previousTag().isPresent()) {
            reference = links.compare(release.previousTag().get(), release.tag().get())
                    .map(url -> "[" + release.title() + "]: " + url);
        }
        return new Section(release.title(), out.toString(), reference);
    }

    /** Several releases, newest first, as a whole file. */
    public String renderFile(List<ReleaseChanges> releases) {
        StringBuilder body = new StringBuilder(HEADER);
        List<String> references = new ArrayList<>();
        for (ReleaseChanges release : releases) {
            Section section = render(release);
            body.append("\n").append(section.text());
            section.linkReference().ifPresent(references::add);
        }
        if (!references.isEmpty()) {
            body.append("\n").append(String.join("\n", references)).append("\n");
        }
        return body.toString();
    }

    private Map<String, List<Entry>> group(ReleaseChanges release) {
        Set<String> headings = new LinkedHashSet<>(HEADING_ORDER);
        headings.addAll(settings.sections().values());
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        headings.forEach(h -> groups.put(h, new ArrayList<>()));
        for (Entry entry : release.entries()) {
            String heading = settings.sections().get(entry.type());
            // A breaking change is always listed, even when its type has no heading of its own.
            if (heading == null && entry.breaking()) heading = "Changed";
            if (heading != null) groups.get(heading).add(entry);
        }
        groups.values().forEach(list -> list.sort((a, b) -> Boolean.compare(b.breaking(), a.breaking())));
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private String line(Entry entry) {
        StringBuilder s = new StringBuilder("- ");
        if (entry.breaking()) s.append("**BREAKING** ");
        entry.scope()
                .ifPresent(scope ->
                        s.append("**").append(MarkdownText.inline(scope)).append(":** "));
        s.append(linkIssues(MarkdownText.inline(entry.description())));
        for (String reference : entry.references()) {
            if (!entry.description().contains(reference))
                s.append(" (")
                        .append(linkIssues(MarkdownText.inline(reference)))
                        .append(")");
        }
        Optional<String> url = links.commit(entry.hash());
        s.append(url.map(u -> " ([" + entry.shortHash() + "](" + u + "))").orElse(" (" + entry.shortHash() + ")"));
        return s.toString();
    }

    /** Links each {@code #12} of text already escaped: escaping leaves a number sign and its digits as they are. */
    private String linkIssues(String text) {
        if (links.issue().isEmpty()) return text;
        Matcher m = ISSUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = links.issue(m.group(1)).orElseThrow();
            m.appendReplacement(out, Matcher.quoteReplacement("[#" + m.group(1) + "](" + url + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
