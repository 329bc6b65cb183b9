package dev.gantry.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.commits.CommitParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseAsTest {

    private static Optional<Version> releaseAs(String message) {
        return ReleaseAs.of(CommitParser.parse(message));
    }

    @Test
    void releaseAsFooter() {
        assertThat(releaseAs("chore: bump\n\nRelease-As: 2.0.0")).contains(Version.parse("2.0.0"));
        assertThat(releaseAs("chore: bump\n\nrelease-as: v3.1.0")).contains(Version.parse("3.1.0"));
        assertThat(releaseAs("chore: bump\n\nRelease-As: soon")).isEqualTo(Optional.empty());
    }

    @Test
    void theFooterOfASquashedCommitForcesTheVersion() {
        assertThat(releaseAs("feat: add x (#12)\n\n* feat!: drop api\n\nBREAKING CHANGE: the api is gone\n\n"
                        + "* fix: other\n\n* chore: prepare\n\nRelease-As: 3.0.0\n\n* perf: faster"))
                .contains(Version.parse("3.0.0"));
    }

    @Test
    void theLastFooterWins() {
        assertThat(releaseAs("chore: bump\n\nRelease-As: 2.0.0\nRelease-As: 2.1.0"))
                .contains(Version.parse("2.1.0"));
    }
}
