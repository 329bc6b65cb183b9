package dev.gantry.flags.openfeature;

import static dev.gantry.flags.sdk.client.Documents.features;
import static dev.gantry.flags.sdk.client.Documents.flag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.FlagListener;
import dev.gantry.flags.sdk.client.UnleashTestServer;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "In your application" examples, line for line, run against a loopback server. */
class ReadmeExampleTest {

    @Test
    void theReadmeExamplesWork(@TempDir Path dir) throws Exception {
        try (var server = new UnleashTestServer(features(flag("new-checkout", true)))) {
            String url = server.url().toString();
            String token = UnleashTestServer.TOKEN;
            Path stateFile = dir.resolve("flags.json");

            // README: the client
            FlagClient flags = FlagClient.builder(URI.create(url))
                    .apiToken(token)
                    .appName("checkout-service")
                    .environment("production")
                    .stateFile(stateFile) // the last known state: the next start works without the server
                    .build();
            flags.addListener(new FlagListener() {
                @Override
                public void onChanged(Set<String> changed) {
                    System.out.println("flags changed: " + changed);
                }
            });
            flags.start();
            flags.awaitReady(Duration.ofSeconds(5)); // only the first start, with nothing on disk, waits for the server

            boolean on = flags.isEnabled("new-checkout", FlagContext.ofUser("42"));
            // README end
            assertThat(on).isTrue();
            flags.close();

            // README: OpenFeature
            OpenFeatureAPI.getInstance()
                    .setProviderAndWait(
                            "checkout",
                            new GantryFlagsProvider(
                                    FlagClient.builder(URI.create(url))
                                            .apiToken(token)
                                            .appName("checkout-service")
                                            .build(),
                                    Duration.ofSeconds(5)));
            Client client = OpenFeatureAPI.getInstance().getClient("checkout");
            boolean enabled = client.getBooleanValue("new-checkout", false, new ImmutableContext("42"));
            // README end
            assertThat(enabled).isTrue();
            OpenFeatureAPI.getInstance().getProvider("checkout").shutdown();
        }
    }
}
