package dev.gantry.gate.checks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.git.GitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A file of the repository: it exists and is not empty, or one of its lines matches a pattern, or it has a
 * Markdown heading with a text such as the version. A missing file is the unmet condition itself; a file that
 * cannot be read is an error.
 */
@Doc("A file exists and is not empty; or a line of it matches a pattern; or it has a Markdown heading with a text")
public record FileCheck(
        @Required
                @Doc("The file, from the repository's top folder; {version}, {tag}, {environment} and {commit} are"
                        + " replaced")
                String path,
        @Doc("A Java regular expression that some line of the file must contain (anchor it with ^ and $);"
                        + " {version}, {tag}, {environment} and {commit} in it match their value literally")
                String matches,
        @Doc("Text a Markdown heading (# to ######) must contain as a whole word, such as \"{version}\"")
                String section,
        @Doc("Check only when the release has breaking changes, as for a migration guide") boolean whenBreaking,
        @Doc("Require the file's last git commit to be the release commit or one after the previous release, as"
                        + " for a changelog written for this release")
                boolean fresh)
        implements Check {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(version|tag|environment|commit)}");
    private static final int MAX_QUOTED = 120;
    private static final int MAX_HEADINGS = 10;

    public FileCheck {
        if (path == null || path.isBlank()) {
            throw new InvalidValue("path", "expected a file path such as CHANGELOG.md, got \"" + path + "\"");
        }
        if (matches != null && section != null) {
            throw new IllegalArgumentException("give matches or section, not both");
        }
        if (matches != null) pattern(matches, name -> name);
        if (section != null && section.isBlank()) {
            throw new InvalidValue("section", "expected the text of a heading such as \"{version}\", got \"\"");
        }
    }

    /** {@code regex} with each placeholder standing for its value, taken literally. */
    private static Pattern pattern(String regex, UnaryOperator<String> values) {
        Matcher m = PLACEHOLDER.matcher(regex);
        StringBuilder literal = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(literal, Matcher.quoteReplacement(Pattern.quote(values.apply(m.group()))));
        }
        m.appendTail(literal);
        try {
            return Pattern.compile(literal.toString());
        } catch (PatternSyntaxException e) {
            String problem = e.getDescription().toLowerCase(Locale.ROOT);
            throw new InvalidValue(
                    "matches",
                    "expected a Java regular expression, got \"" + regex + "\": " + problem + " near index "
                            + e.getIndex());
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        if (whenBreaking && !context.breaking()) return CheckResult.met("not required: no breaking changes");
        EvidenceFile file = EvidenceFile.of(context, path);
        CheckResult result = read(file, context);
        if (!fresh || result.status() != CheckResult.Status.MET) return result;
        try {
            return Freshness.ofFile(context, file).applyTo(result);
        } catch (GitException e) {
            return CheckResult.error(e.getMessage());
        }
    }

    private CheckResult read(EvidenceFile file, CheckContext context) {
        String name = file.name();
        if (Files.notExists(file.path())) return CheckResult.unmet(name + " does not exist");
        if (!Files.exists(file.path())) return CheckResult.error("cannot tell whether " + name + " exists");
        try {
            if (matches == null && section == null) return exists(Files.size(file.real("a file")), name);
            String content;
            try (InputStream in = file.open("a file")) {
                content = UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in.readAllBytes()))
                        .toString();
            }
            // A byte-order mark is not part of the first line.
            if (content.startsWith("\uFEFF")) content = content.substring(1);
            return matches != null ? lineMatching(content, name, context) : heading(content, name, context);
        } catch (EvidenceFile.Refused e) {
            return CheckResult.error(e.getMessage());
        } catch (CharacterCodingException e) {
            return CheckResult.error(name + " is not UTF-8 text");
        } catch (IOException e) {
            return CheckResult.error("cannot read " + name + ": " + ReportFiles.reason(e));
        }
    }

    private static CheckResult exists(long size, String name) {
        if (size == 0) return CheckResult.unmet(name + " is empty");
        return CheckResult.met(name + " exists (" + size + (size == 1 ? " byte)" : " bytes)"))
                .withFacts(Map.of("bytes", size));
    }

    private CheckResult lineMatching(String content, String name, CheckContext context) {
        Pattern pattern = pattern(matches, placeholder -> context.expand(placeholder));
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) return found(name, i + 1, lines.get(i));
        }
        return CheckResult.unmet("no line of " + name + " matches \"" + matches + "\"");
    }

    private CheckResult heading(String content, String name, CheckContext context) {
        String wanted = context.expand(section);
        List<MarkdownHeadings.Heading> headings = MarkdownHeadings.of(content);
        for (MarkdownHeadings.Heading h : headings) {
            if (h.mentions(wanted)) return found(name, h.line(), h.source());
        }
        List<String> seen = headings.stream()
                .limit(MAX_HEADINGS)
                .map(h -> name + ":" + h.line() + " " + quote(h.source()))
                .toList();
        String none = headings.isEmpty() ? " (it has no headings)" : "";
        return CheckResult.unmet(name + " has no heading with \"" + wanted + "\"" + none)
                .withDetails(seen)
                .withFacts(Map.of("headings", headings.size()));
    }

    private static CheckResult found(String name, int line, String text) {
        return CheckResult.met(name + ":" + line + " has " + quote(text.strip()))
                .withFacts(Map.of("line", line));
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
        return "\"" + shown + "\"";
    }

    @Override
    public String describe() {
        String what;
        if (matches != null) what = "a line of " + path + " matches \"" + matches + "\"";
        else if (section != null) what = path + " has a heading with \"" + section + "\"";
        else what = path + " exists and is not empty";
        if (fresh) what += ", changed for this release";
        return whenBreaking ? what + ", when the release has breaking changes" : what;
    }
}
