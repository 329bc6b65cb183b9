package dev.gantry.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads commit messages as Conventional Commits 1.0.0. Total: every input gives a result; a message that
 * does not follow the convention is an "other" change, never an error.
 */
public final class CommitParser {

    // Non-greedy scope so "feat(api): add (beta): x" keeps "api"; backtracking still allows "feat(a(b)): x".
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*)(?:\\((.*?)\\))?(!)?: (.*)$");
    private static final Pattern FOOTER =
            Pattern.compile("^(BREAKING CHANGES?|BREAKING-CHANGE|[A-Za-z][A-Za-z0-9-]*)(: | #)(.*)$");
    private static final Pattern BREAKING_LINE = Pattern.compile("^(BREAKING CHANGES?|BREAKING-CHANGE):(?: (.*))?$");
    // git's own revert header, possibly with the pull request number a squash merge appends.
    private static final Pattern GIT_REVERT_HEADER = Pattern.compile("^Revert \"(.*)\"(?:\\s+\\(#\\d+\\))?$");
    private static final Pattern REVERTS_COMMIT = Pattern.compile("This reverts commit ([0-9a-fA-F]{7,64})");
    // A commit hash among a footer's references: hex digits only, at least 7, standing alone.
    private static final Pattern REFERENCED_HASH = Pattern.compile("(?<![\\w#-])([0-9a-fA-F]{7,64})(?![\\w-])");
    // GitHub squashes a pull request as "title (#12)" with a "* header" line per commit of the branch.
    private static final Pattern SQUASH_TITLE = Pattern.compile("\\(#\\d+\\)$");
    private static final Pattern SQUASHED_HEADER = Pattern.compile("^\\* (.*)$");
    private static final Pattern PULL_REQUEST_SUFFIX = Pattern.compile("\\s*\\(#\\d+\\)$");
    private static final Pattern SKIP = Pattern.compile("\\[(skip release|release skip)]", Pattern.CASE_INSENSITIVE);
    private static final String NESTED_BEGIN = "BEGIN_NESTED_COMMIT";
    private static final String NESTED_END = "END_NESTED_COMMIT";

    private CommitParser() {}

    /**
     * Reads {@code message} with the body as the body. For a GitHub squash whose body lists the branch's commits as
     * {@code * type: ...} lines, the reading with each of those as a commit of its own comes along, for plans that
     * ask for it (see {@link ParsedMessage#reading}).
     */
    public static ParsedMessage parse(String message) {
        String text = message == null ? "" : message.replace("\r\n", "\n").replace('\r', '\n');
        ParsedMessage plain = read(text, false);
        if (!SQUASH_TITLE.matcher(plain.header()).find()) return plain;
        ParsedMessage bullets = read(text, true);
        return bullets.equals(plain) ? plain : plain.withSquashBullets(bullets);
    }

    private static ParsedMessage read(String text, boolean squashBullets) {
        List<String> lines = List.of(text.strip().split("\n", -1));
        String header = lines.get(0).strip();
        List<String> bodyLines = lines.subList(1, lines.size());

        List<String> outside = new ArrayList<>();
        List<List<String>> nested = splitNested(bodyLines, outside);
        // In a GitHub squash each "* header" line opens the message of one squashed commit.
        List<List<String>> squashed = SQUASH_TITLE.matcher(header).find() ? splitSquashed(outside) : List.of();
        if (squashBullets) nested.addAll(squashed);
        int footerStart = footerStart(outside);
        List<Footer> footers = new ArrayList<>(footers(outside.subList(footerStart, outside.size())));
        List<String> breakingNotes = breakingNotes(outside);
        if (!squashBullets) {
            // Read as one commit, a squash keeps the footers of the commits it squashed, not their headers: a
            // breaking change or a Release-As stated there still counts.
            for (List<String> block : squashed) {
                List<Footer> own = read(String.join("\n", block), false).footers();
                footers.addAll(own);
                own.stream().filter(Footer::isBreaking).map(Footer::value).forEach(breakingNotes::add);
            }
        }

        List<Change> changes = new ArrayList<>();
        Change first = headerChange(header);
        // As conventional-changelog reads it: a breaking footer breaks even under a free-form header.
        if (!breakingNotes.isEmpty()) {
            first = first.asBreaking(breakingNotes);
        }
        changes.add(first);
        List<Reverted> reverted = reverted(header, text, footers);
        for (List<String> block : nested) {
            ParsedMessage inner = read(String.join("\n", block), squashBullets);
            for (Change change : inner.changes()) {
                if (!sameChange(change, first)) changes.add(change);
            }
            footers.addAll(inner.footers());
            for (Reverted r : inner.reverted()) {
                if (reverted.stream().noneMatch(r::sameTarget)) reverted.add(r);
            }
        }

        return new ParsedMessage(
                header, changes, footers, reverted, SKIP.matcher(text).find(), Optional.empty());
    }

    static boolean isBreakingToken(String token) {
        return token.equals("BREAKING CHANGE") || token.equals("BREAKING-CHANGE") || token.equals("BREAKING CHANGES");
    }

    private static Change headerChange(String header) {
        Matcher git = GIT_REVERT_HEADER.matcher(header);
        if (git.matches()) {
            return new Change(Optional.of("revert"), Optional.empty(), false, header, List.of());
        }
        Matcher m = HEADER.matcher(header);
        if (!m.matches() || m.group(4).isBlank()) {
            return Change.other(header);
        }
        boolean bang = m.group(3) != null;
        List<String> notes = bang ? List.of(m.group(4).strip()) : List.of();
        return new Change(
                Optional.of(m.group(1)),
                Optional.ofNullable(m.group(2)).filter(s -> !s.isEmpty()),
                bang,
                m.group(4).strip(),
                notes);
    }

    /** Release-please style nested commits; the lines outside any block are returned through {@code outside}. */
    private static List<List<String>> splitNested(List<String> lines, List<String> outside) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.equals(NESTED_BEGIN)) {
                current = new ArrayList<>();
            } else if (trimmed.equals(NESTED_END) && current != null) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            } else {
                outside.add(line);
            }
        }
        if (current != null) outside.addAll(current); // an unterminated block is just body text
        return blocks;
    }

    /**
     * The footers are the trailing paragraphs that start with a footer token. A breaking-change paragraph
     * earlier in the body also opens the footers, so its text is never lost among the body.
     */
    private static int footerStart(List<String> lines) {
        int start = lines.size();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!isParagraphStart(lines, i)) continue;
            // Footers close the message: once a paragraph is not one, nothing above it is a footer.
            if (!isFooterLine(lines.get(i))) break;
            start = i;
        }
        for (int i = 0; i < start; i++) {
            if (isParagraphStart(lines, i)
                    && BREAKING_LINE.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return start;
    }

    private static boolean isFooterLine(String line) {
        return FOOTER.matcher(line).matches() || BREAKING_LINE.matcher(line).matches();
    }

    private static boolean isParagraphStart(List<String> lines, int i) {
        return !lines.get(i).isBlank() && (i == 0 || lines.get(i - 1).isBlank());
    }

    private static List<Footer> footers(List<String> lines) {
        List<Footer> footers = new ArrayList<>();
        String token = null;
        String separator = null;
        StringBuilder value = new StringBuilder();
        for (String line : lines) {
            Matcher m = FOOTER.matcher(line);
            Matcher breaking = BREAKING_LINE.matcher(line);
            if (m.matches() || breaking.matches()) {
                if (token != null)
                    footers.add(new Footer(token, separator, value.toString().strip()));
                token = m.matches() ? m.group(1) : breaking.group(1);
                separator = m.matches() ? m.group(2) : ": ";
                value.setLength(0);
                value.append(m.matches() ? m.group(3) : "");
            } else if (token != null) {
                value.append('\n').append(line);
            }
        }
        if (token != null)
            footers.add(new Footer(token, separator, value.toString().strip()));
        return footers;
    }

    /** Breaking notes wherever a line starts with the token, as conventional-changelog reads them. */
    private static List<String> breakingNotes(List<String> lines) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!BREAKING_LINE.matcher(lines.get(i)).matches()) continue;
            List<Footer> own = footers(untilNextFooter(lines, i));
            notes.add(own.get(0).value());
        }
        return notes;
    }

    private static List<String> untilNextFooter(List<String> lines, int from) {
        int end = from + 1;
        while (end < lines.size() && !isFooterLine(lines.get(end))) end++;
        return lines.subList(from, end);
    }

    /**
     * Takes the squashed commits out of {@code body}: each starts at a {@code * type: ...} line and runs to the
     * next one. What comes before the first stays in {@code body}.
     */
    private static List<List<String>> splitSquashed(List<String> body) {
        List<List<String>> commits = new ArrayList<>();
        List<String> preamble = new ArrayList<>();
        List<String> current = null;
        for (String line : body) {
            if (opensSquashed(line)) {
                current = new ArrayList<>(List.of(line.strip().substring(2).strip()));
                commits.add(current);
            } else if (current != null) {
                current.add(line);
            } else {
                preamble.add(line);
            }
        }
        body.clear();
        body.addAll(preamble);
        return commits;
    }

    private static boolean opensSquashed(String line) {
        Matcher bullet = SQUASHED_HEADER.matcher(line.strip());
        return bullet.matches() && headerChange(bullet.group(1).strip()).isConventional();
    }

    private static boolean sameChange(Change a, Change b) {
        return a.type().equals(b.type())
                && a.scope().equals(b.scope())
                && withoutPullRequest(a.description()).equals(withoutPullRequest(b.description()));
    }

    private static String withoutPullRequest(String description) {
        return PULL_REQUEST_SUFFIX.matcher(description).replaceFirst("");
    }

    /**
     * What a message reverts. Only a revert title makes a revert, as conventional-commits-parser reads it: then the
     * commits named by the body's {@code This reverts commit ...} lines are reverted, else those of a {@code Refs:}
     * footer as the Conventional Commits specification shows a revert, else the commit with the reverted header.
     * The same line in the body of a commit with another title reverts nothing.
     */
    private static List<Reverted> reverted(String header, String text, List<Footer> footers) {
        List<Reverted> reverted = new ArrayList<>();
        Optional<String> revertedHeader = revertedHeader(header);
        if (revertedHeader.isEmpty()) return reverted;
        Matcher m = REVERTS_COMMIT.matcher(text);
        List<String> hashes = new ArrayList<>();
        while (m.find()) {
            String hash = m.group(1).toLowerCase(Locale.ROOT);
            if (!hashes.contains(hash)) hashes.add(hash);
        }
        if (hashes.isEmpty()) {
            for (Footer footer : footers) {
                if (!footer.token().equalsIgnoreCase("Refs")) continue;
                Matcher ref = REFERENCED_HASH.matcher(footer.value());
                while (ref.find()) {
                    String hash = ref.group(1).toLowerCase(Locale.ROOT);
                    if (!hashes.contains(hash)) hashes.add(hash);
                }
            }
        }
        if (hashes.isEmpty()) {
            reverted.add(new Reverted(Optional.empty(), revertedHeader));
        }
        for (String hash : hashes) {
            reverted.add(new Reverted(Optional.of(hash), hashes.size() == 1 ? revertedHeader : Optional.empty()));
        }
        return reverted;
    }

    private static Optional<String> revertedHeader(String header) {
        Matcher git = GIT_REVERT_HEADER.matcher(header);
        if (git.matches()) return Optional.of(git.group(1));
        Matcher m = HEADER.matcher(header);
        if (m.matches() && m.group(1).equalsIgnoreCase("revert"))
            return Optional.of(m.group(4).strip());
        return Optional.empty();
    }
}
