package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlBinderTest {

    private static final Path FILE = Path.of("gantry.yaml");

    enum Severity {
        HARD,
        SOFT_PAUSE
    }

    record Percent(int value) {
        public static Percent parse(String text) {
            if (!text.matches("\\d{1,3}%")) {
                throw new IllegalArgumentException("expected a percentage like 5%, got \"" + text + "\"");
            }
            return new Percent(Integer.parseInt(text.substring(0, text.length() - 1)));
        }
    }

    record AllScalars(
            String text,
            boolean flag,
            Boolean boxedFlag,
            int count,
            Integer boxedCount,
            long size,
            Long boxedSize,
            double ratio,
            Double boxedRatio,
            Severity severity,
            Path dir,
            Duration timeout,
            Percent share) {}

    record Check(
            @Required String name,
            @Key("for") Duration sustained,
            @Key("notify") @Doc("who is woken") List<String> pager) {}

    record Defaults(
            String text,
            Integer boxed,
            boolean flag,
            int count,
            List<String> list,
            Map<String, String> map,
            Optional<String> maybe,
            Check check) {}

    record Retry(Integer attempts, Duration backoff) {
        Retry {
            attempts = attempts == null ? 3 : attempts;
            backoff = backoff == null ? Duration.ofSeconds(10) : backoff;
        }
    }

    record Service(
            String name,
            List<String> dependsOn,
            List<Check> checks,
            Map<String, String> labels,
            Map<String, List<Integer>> ports,
            Optional<Check> fallback,
            Optional<Duration> grace,
            Retry retry) {}

    private static <T extends Record> T bind(String yaml, Class<T> type) throws PlanException {
        return YamlBinder.bind(FILE, yaml, type, new Registries()).value();
    }

    @Test
    void bindsEveryScalarType() throws Exception {
        AllScalars s = bind(
                """
                text: hello
                flag: true
                boxedFlag: false
                count: -42
                boxedCount: +7
                size: 9000000000
                boxedSize: 0
                ratio: 0.25
                boxedRatio: 3
                severity: soft-pause
                dir: build/out
                timeout: 1h30m
                share: 5%
                """,
                AllScalars.class);
        assertThat(s)
                .isEqualTo(new AllScalars(
                        "hello",
                        true,
                        false,
                        -42,
                        7,
                        9_000_000_000L,
                        0L,
                        0.25,
                        3.0,
                        Severity.SOFT_PAUSE,
                        Path.of("build/out"),
                        Duration.ofMinutes(90),
                        new Percent(5)));
    }

    @Test
    void stringsTakeNumbersAndBooleansAsWritten() throws Exception {
        assertThat(bind("text: 1.10\n", AllScalars.class).text()).isEqualTo("1.10");
        assertThat(bind("text: true\n", AllScalars.class).text()).isEqualTo("true");
        assertThat(bind("text: \"null\"\n", AllScalars.class).text()).isEqualTo("null");
        assertThat(bind("text: |\n  two\n  lines\n", AllScalars.class).text()).isEqualTo("two\nlines\n");
    }

    @Test
    void enumsIgnoreCaseAndTreatDashAndUnderscoreAlike() throws Exception {
        for (String written : List.of("soft-pause", "soft_pause", "SOFT_PAUSE", "Soft-Pause")) {
            assertThat(bind("severity: " + written + "\n", AllScalars.class).severity())
                    .isEqualTo(Severity.SOFT_PAUSE);
        }
        assertThat(bind("severity: hard\n", AllScalars.class).severity()).isEqualTo(Severity.HARD);
    }

    @Test
    void durationsInEveryUnitAndCombined() throws Exception {
        Map<String, Duration> cases = Map.of(
                "90s", Duration.ofSeconds(90),
                "5m", Duration.ofMinutes(5),
                "2h", Duration.ofHours(2),
                "1d", Duration.ofDays(1),
                "250ms", Duration.ofMillis(250),
                "1h30m", Duration.ofMinutes(90),
                "1d2h3m4s5ms", Duration.parse("P1DT2H3M4.005S"),
                "0s", Duration.ZERO);
        for (Map.Entry<String, Duration> c : cases.entrySet()) {
            assertThat(bind("timeout: " + c.getKey() + "\n", AllScalars.class).timeout())
                    .as(c.getKey())
                    .isEqualTo(c.getValue());
        }
    }

    @Test
    void flowAndBlockStylesBindAlike() throws Exception {
        Service service = bind(
                """
                name: web
                checks:
                  - { name: smoke, for: 5m, notify: [oncall, lead] }
                  - name: load
                    for: 90s
                    notify:
                      - perf
                labels: { team: payments, tier: "1" }
                """,
                Service.class);
        assertThat(service.checks())
                .containsExactly(
                        new Check("smoke", Duration.ofMinutes(5), List.of("oncall", "lead")),
                        new Check("load", Duration.ofSeconds(90), List.of("perf")));
        assertThat(service.labels()).containsExactly(Map.entry("team", "payments"), Map.entry("tier", "1"));
    }

    @Test
    void mapsKeepTheOrderOfTheFile() throws Exception {
        Service service = bind(
                "labels:\n  zeta: z\n  alpha: a\n  mid: m\nports: { web: [80, 443], admin: 8080 }\n", Service.class);
        assertThat(service.labels().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(service.ports())
                .containsExactly(Map.entry("web", List.of(80, 443)), Map.entry("admin", List.of(8080)));
    }

    @Test
    void aSingleValueIsAListOfOne() throws Exception {
        assertThat(bind("dependsOn: db\n", Service.class).dependsOn()).containsExactly("db");
        assertThat(bind("dependsOn: [db, cache]\n", Service.class).dependsOn()).containsExactly("db", "cache");
        assertThat(bind("dependsOn: []\n", Service.class).dependsOn()).isEmpty();
    }

    @Test
    void absentAndNullKeysGiveNullOrAnEmptyValue() throws Exception {
        Defaults absent = bind("", Defaults.class);
        Defaults nulls =
                bind("text: ~\nboxed: null\nflag:\ncount: ~\nlist: ~\nmap: ~\nmaybe: ~\ncheck: ~\n", Defaults.class);
        for (Defaults d : List.of(absent, nulls)) {
            assertThat(d).isEqualTo(new Defaults(null, null, false, 0, List.of(), Map.of(), Optional.empty(), null));
        }
    }

    @Test
    void compactConstructorsFillTheirOwnDefaults() throws Exception {
        assertThat(bind("retry: {}\n", Service.class).retry()).isEqualTo(new Retry(3, Duration.ofSeconds(10)));
        assertThat(bind("retry: { attempts: 5 }\n", Service.class).retry())
                .isEqualTo(new Retry(5, Duration.ofSeconds(10)));
        assertThat(bind("name: web\n", Service.class).retry()).isNull();
    }

    @Test
    void optionalsHoldValuesAndRecords() throws Exception {
        Service service = bind("fallback: { name: canary }\ngrace: 30s\n", Service.class);
        assertThat(service.fallback()).contains(new Check("canary", null, List.of()));
        assertThat(service.grace()).contains(Duration.ofSeconds(30));
        assertThat(bind("name: web\n", Service.class).grace()).isEmpty();
    }

    @Test
    void anEmptyOrCommentOnlyFileIsAnEmptyMapping() throws Exception {
        Service empty =
                new Service(null, List.of(), List.of(), Map.of(), Map.of(), Optional.empty(), Optional.empty(), null);
        assertThat(bind("", Service.class)).isEqualTo(empty);
        assertThat(bind("# nothing planned yet\n", Service.class)).isEqualTo(empty);
        assertThat(bind("~\n", Service.class)).isEqualTo(empty);
    }

    @Test
    void keyNamesAYamlKeyThatIsAJavaKeyword() throws Exception {
        assertThat(bind("checks: [{ name: a, for: 2h }]\n", Service.class)
                        .checks()
                        .get(0)
                        .sustained())
                .isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> bind("checks: [{ name: a, sustained: 2h }]\n", Service.class))
                .isInstanceOf(PlanException.class)
                .hasMessage("gantry.yaml:1:21: checks[0].sustained: unknown key \"sustained\"; "
                        + "expected one of: name, for, notify");
    }

    @Test
    void docDescriptionsAreReadableAtRuntime() throws Exception {
        Doc doc = Check.class.getRecordComponents()[2].getAnnotation(Doc.class);
        assertThat(doc.value()).isEqualTo("who is woken");
        assertThat(Check.class.getDeclaredConstructors()[0].getParameters()[2].getAnnotation(Doc.class))
                .isEqualTo(doc);
    }

    @Test
    void bindsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, "name: web\ndependsOn: db\n");
        assertThat(YamlBinder.bind(file, Files.readAllBytes(file), Service.class, new Registries())
                        .value()
                        .dependsOn())
                .containsExactly("db");

        Files.writeString(file, "");
        assertThat(YamlBinder.bind(file, Files.readAllBytes(file), Service.class, new Registries())
                        .value()
                        .name())
                .isNull();

        Path other = dir.resolve("staging.yaml");
        Files.writeString(other, "\n\nnme: web\n");
        assertThatThrownBy(() -> YamlBinder.bind(other, Files.readAllBytes(other), Service.class, new Registries()))
                .isInstanceOf(PlanException.class)
                .hasMessage("staging.yaml:3:1: nme: unknown key \"nme\"; did you mean \"name\"?");
    }

    @Test
    void aFileThatIsNotUtf8IsAPlanErrorAtTheByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> YamlBinder.bind(file, Files.readAllBytes(file), Service.class, new Registries()))
                .isInstanceOf(PlanException.class)
                .hasMessage("gantry.yaml:1:7: the file is not UTF-8 text: invalid byte 0xC3");
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        assertThat(bind("\uFEFFname: web\n", Service.class).name()).isEqualTo("web");
    }
}
