package dev.gantry.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commit text in Markdown: each case is what a commit wrote and what the Markdown holds for it. */
class MarkdownTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '¦',
            quoteCharacter = '"',
            textBlock =
                    """
            script tag                 ¦ <script>alert(1)</script>              ¦ &lt;script>alert(1)&lt;/script>
            image with onerror         ¦ <img src=x onerror=alert(1)>           ¦ &lt;img src=x onerror=alert(1)>
            script link                ¦ [click](javascript:alert(1))           ¦ \\[click\\](javascript:alert(1))
            image                      ¦ ![x](data:text/html;base64,PHNjcmlwdD4=) ¦ !\\[x\\](data:text/html;base64,PHNjcmlwdD4=)
            autolink                   ¦ <vbscript:msgbox(1)>                   ¦ &lt;vbscript:msgbox(1)>
            reference definition       ¦ [x]: javascript:alert(1)               ¦ \\[x\\]: javascript:alert(1)
            entity                     ¦ &lt;b&gt; and &#60;                    ¦ &amp;lt;b&amp;gt; and &amp;#60;
            ampersand alone            ¦ salt & pepper                          ¦ salt & pepper
            heading                    ¦ # Heading                              ¦ \\# Heading
            issue number at the start  ¦ #20 is fixed                           ¦ #20 is fixed
            issue reference            ¦ crash on empty query (#20)             ¦ crash on empty query (#20)
            table row                  ¦ | a | b |                              ¦ \\| a \\| b \\|
            blockquote                 ¦ > quoted                               ¦ \\> quoted
            bullet                     ¦ - item                                 ¦ \\- item
            plus bullet                ¦ + item                                 ¦ \\+ item
            ordered item               ¦ 1. first                               ¦ 1\\. first
            ordered item with paren    ¦ 12) twelfth                            ¦ 12\\) twelfth
            version is no list         ¦ 1.2 is out                             ¦ 1.2 is out
            thematic break             ¦ * * *                                  ¦ \\* * *
            underscore rule            ¦ ___                                    ¦ \\___
            setext underline           ¦ ===                                    ¦ \\===
            backtick fence             ¦ ```js                                  ¦ \\`\\`\\`js
            tilde fence                ¦ ~~~                                    ¦ \\~~~
            code span kept             ¦ handle `<br>` in `a|b`                 ¦ handle `<br>` in `a|b`
            unclosed backtick          ¦ a ` b                                  ¦ a \\` b
            backslash before mark      ¦ C:\\*.txt                              ¦ C:\\\\*.txt
            backslash before letter    ¦ C:\\dir                                ¦ C:\\dir
            trailing backslash         ¦ ends with \\                           ¦ ends with \\\\
            emphasis stays             ¦ make **bold** _work_                   ¦ make **bold** _work_
            set-title sequence         ¦ "\\u001b]0;pwned\\u0007fix"            ¦ \\]0;pwnedfix
            """)
    void inline(String name, String commit, String markdown) {
        assertThat(MarkdownText.inline(unescape(commit))).isEqualTo(markdown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '¦',
            textBlock =
                    """
            script tag                 ¦ <script>alert(1)</script>
            script link                ¦ [click](javascript:alert(1))
            entity                     ¦ &lt;b&gt; and &#60;
            backslash before mark      ¦ C:\\*.txt
            heading                    ¦ # Heading
            """)
    void plainReadsAsTheCommitWrote(String name, String commit) {
        assertThat(MarkdownText.plain(MarkdownText.inline(commit))).isEqualTo(commit);
    }

    @Test
    void aCellEscapesPipesInsideCodeSpansToo() {
        assertThat(MarkdownText.cell("use `a|b`")).isEqualTo("use `a\\|b`");
    }

    @Test
    void inlineTextIsOneLine() {
        assertThat(MarkdownText.inline("first\r\n# second")).isEqualTo("first # second");
    }

    @Test
    void everyLineOfABlockIsEscapedAsTheStartOfABlock() {
        String note = "Use /v2.\n\n# Heading\n| a | b |\n|---|---|\n    <script>x</script>\n> quote\n- item";
        assertThat(MarkdownText.block(note))
                .isEqualTo("Use /v2.\n\n\\# Heading\n\\| a \\| b \\|\n\\|---\\|---\\|\n&lt;script>x&lt;/script>\n"
                        + "\\> quote\n\\- item");
    }

    @Test
    void oneLineReadsTheSameInlineAndAsABlock() {
        assertThat(MarkdownText.block("drop <v1> endpoints")).isEqualTo(MarkdownText.inline("drop <v1> endpoints"));
    }

    /** The cases write a control character as {@code \\uXXXX}, since a text block cannot hold one visibly. */
    private static String unescape(String text) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Character.toString((char) Integer.parseInt(m.group(1), 16)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
