package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry serve} as a process: it starts, answers, refuses a second server on its folder, and stops on SIGTERM. */
class ServeCliTest {

    private static final Pattern SERVING =
            Pattern.compile("serving (http://127\\.0\\.0\\.1:(\\d+)/api/) \\(projects: shop\\)");

    @TempDir
    Path dir;

    @Test
    void aServerStartsAnswersKeepsItsFolderToItselfAndStopsOnSigterm() throws Exception {
        Path repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo);
        RunStory.plan(repo);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        Process server = new ProcessBuilder(ChildJvm.server(
                        "serve", "--data", dir.resolve("data").toString(), "--port", "0", "--project", "shop=" + repo))
                .redirectError(dir.resolve("server.log").toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as(Files.readString(dir.resolve("server.log"))).isNotNull();
            Matcher serving = SERVING.matcher(first);
            assertThat(serving.matches()).as(first).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(serving.group(1) + "health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");
            assertThat(Files.readString(dir.resolve("server.log")))
                    .contains("cloned " + repo, "one is in ", "admin.token");

            GantryProcess.Result second = GantryProcess.run(
                    dir, "serve", "--data", dir.resolve("data").toString(), "--port", "0", "--project", "shop=" + repo);
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.err()).contains("another server uses this data folder");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("server.log"))).contains("stopped");
    }

    @Test
    void aProjectThatIsNotWrittenRightOrCannotBeClonedIsRefusedAndNothingIsLeftListening() throws Exception {
        GantryProcess.Result unnamed = GantryProcess.run(dir, "serve", "--port", "0", "--project", "shop");
        assertThat(unnamed.exitCode()).isEqualTo(2);
        assertThat(unnamed.err()).contains("a project is written NAME=SOURCE");

        GantryProcess.Result upper = GantryProcess.run(dir, "serve", "--port", "0", "--project", "Shop=.");
        assertThat(upper.exitCode()).isEqualTo(2);
        assertThat(upper.err()).contains("lowercase letters, digits and dashes");

        GantryProcess.Result missing = GantryProcess.run(
                dir,
                "serve",
                "--data",
                dir.resolve("d").toString(),
                "--port",
                "0",
                "--project",
                "shop=" + dir.resolve("nowhere"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("project shop: cannot clone " + dir.resolve("nowhere"));
    }

    @Test
    void aTrustedProxyThatIsNoAddressRangeIsRefusedSayingWhich() throws Exception {
        GantryProcess.Result named = GantryProcess.run(
                dir, "serve", "--port", "0", "--project", "shop=.", "--trusted-proxy", "10.0.0.0/8,proxy.internal");
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.err())
                .contains("--trusted-proxy: item 2 \"proxy.internal\": expected an IP address or a CIDR range");
    }

    @Test
    void anOpenIdConnectProviderNeedsItsIssuerClientIdAndSecretFileTogether() throws Exception {
        GantryProcess.Result half = GantryProcess.run(
                dir, "serve", "--port", "0", "--project", "shop=.", "--oidc-issuer", "https://id.example");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err())
                .contains(
                        "OpenID Connect needs --oidc-issuer, --oidc-client-id and --oidc-client-secret-file together");

        Path secret = Files.writeString(dir.resolve("secret"), "s3cret-value\n");
        GantryProcess.Result claim = GantryProcess.run(
                dir,
                "serve",
                "--port",
                "0",
                "--project",
                "shop=.",
                "--oidc-issuer",
                "https://id.example",
                "--oidc-client-id",
                "gantry",
                "--oidc-client-secret-file",
                secret.toString(),
                "--oidc-claim",
                "sub");
        assertThat(claim.exitCode()).isEqualTo(2);
        assertThat(claim.err()).contains("--oidc-claim: expected name, preferred_username or email, got \"sub\"");
        assertThat(claim.err()).doesNotContain("s3cret-value");

        GantryProcess.Result scheme = GantryProcess.run(
                dir,
                "serve",
                "--port",
                "0",
                "--project",
                "shop=.",
                "--oidc-issuer",
                "ftp://id.example",
                "--oidc-client-id",
                "gantry",
                "--oidc-client-secret-file",
                secret.toString());
        assertThat(scheme.exitCode()).isEqualTo(2);
        assertThat(scheme.err()).contains("--oidc-issuer: expected an https:// URL");
    }

    /** Starts {@code gantry serve} on {@code data} and returns it with its API's address, once it answers. */
    private Process serve(Path repo, Path data, String[] address) throws Exception {
        Process server = new ProcessBuilder(
                        ChildJvm.server("serve", "--data", data.toString(), "--port", "0", "--project", "shop=" + repo))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        String first =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher serving = SERVING.matcher(String.valueOf(first));
        assertThat(serving.matches())
                .as("%s\n%s", first, Files.readString(dir.resolve("server.log")))
                .isTrue();
        address[0] = serving.group(1).replace("/api/", "");
        return server;
    }

    @Test
    void whatTheServerAnsweredSurvivesItsProcessBeingKilled() throws Exception {
        Path repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo);
        RunStory.plan(repo);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        Path data = dir.resolve("data");
        String[] address = new String[1];
        Process server = serve(repo, data, address);
        Path admin = data.resolve("admin.token");
        GantryProcess.Result kept = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                address[0],
                "--token-file",
                admin.toString(),
                "--person",
                "CI",
                "--scope",
                "read");
        GantryProcess.Result gone = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                address[0],
                "--token-file",
                admin.toString(),
                "--person",
                "Old CI",
                "--scope",
                "read");
        String goneId = gone.out().strip().substring(7, 19);
        assertThat(GantryProcess.run(
                                dir,
                                "token",
                                "revoke",
                                goneId,
                                "--server",
                                address[0],
                                "--token-file",
                                admin.toString())
                        .exitCode())
                .isZero();
        server.destroyForcibly().waitFor();

        server = serve(repo, data, address);
        try {
            Path keptFile = Files.writeString(dir.resolve("kept.token"), kept.out());
            Path goneFile = Files.writeString(dir.resolve("gone.token"), gone.out());
            assertThat(GantryProcess.run(dir, "history", "--server", address[0], "--token-file", keptFile.toString())
                            .exitCode())
                    .as("the token issued before the kill")
                    .isZero();
            GantryProcess.Result revoked =
                    GantryProcess.run(dir, "history", "--server", address[0], "--token-file", goneFile.toString());
            assertThat(revoked.exitCode())
                    .as("the token revoked before the kill")
                    .isEqualTo(2);
            GantryProcess.Result verified =
                    GantryProcess.run(dir, "audit", "verify", "--server", address[0], "--token-file", admin.toString());
            assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
