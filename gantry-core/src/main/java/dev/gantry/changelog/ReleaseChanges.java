package dev.gantry.changelog;

import dev.gantry.commits.Change;
import dev.gantry.version.Contribution;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes of one release, ready to render: what each commit brought, without reverted pairs and
 * {@code [skip release]} commits.
 *
 * @param title the version, or "Unreleased"
 * @param previousTag the tag of the release before, for a compare link
 * @param tag the tag this release gets or has
 */
public record ReleaseChanges(
        String title, LocalDate date, Optional<String> previousTag, Optional<String> tag, List<Entry> entries) {

    public static final String UNRELEASED = "Unreleased";

    public ReleaseChanges {
        entries = List.copyOf(entries);
    }

    /** @param contributions the commits of the range, newest first, as the version decision judged them */
    public static ReleaseChanges of(
            String title,
            LocalDate date,
            Optional<String> previousTag,
            Optional<String> tag,
            List<Contribution> contributions) {
        List<Entry> entries = new ArrayList<>();
        for (Contribution contribution : contributions) {
            var commit = contribution.commit();
            if (contribution.reverted() || commit.message().skipRelease()) continue;
            for (Change change : commit.message().changes()) {
                if (!change.isConventional() && !change.breaking()) continue;
                entries.add(new Entry(
                        change.type().orElse(""),
                        change.scope(),
                        change.description(),
                        change.breaking(),
                        change.breakingNotes(),
                        commit.hash(),
                        commit.message().references()));
            }
        }
        return new ReleaseChanges(title, date, previousTag, tag, entries);
    }

    public List<Entry> ofType(String... types) {
        List<Entry> matching = new ArrayList<>();
        for (Entry e : entries) {
            for (String t : types) {
                if (e.type().equals(t)) matching.add(e);
            }
        }
        return matching;
    }

    public List<Entry> breaking() {
        return entries.stream().filter(Entry::breaking).toList();
    }
}
