package dev.gantry.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's side of an OpenID Connect provider, for the authorization-code flow with PKCE: reads its discovery
 * document, sends the browser to its authorization endpoint, exchanges the code at its token endpoint, and verifies
 * the ID token (its signature by a key of the provider's JWKS, its issuer, audience, expiry and nonce) before taking
 * the person from it.
 */
public final class OidcProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MOST = 1 << 20;

    /** What the discovery document says, as far as the server needs it. */
    private record Discovery(URI authorization, URI token, URI jwks) {}

    private final OidcSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile Discovery discovery;
    private volatile DefaultJWTProcessor<SecurityContext> verifier;

    public OidcProvider(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Where to send the browser to log in, for the login {@code started} and the server's {@code redirect} URI. */
    public URI authorization(OidcLogins.Started started, URI redirect) throws OidcException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirect.toString());
        query.put("scope", "openid profile email");
        query.put("state", started.state());
        query.put("nonce", started.nonce());
        query.put("code_challenge", started.challenge());
        query.put("code_challenge_method", "S256");
        URI endpoint = discovery().authorization();
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + form(query));
    }

    /**
     * The person the provider vouches for: exchanges {@code code} for an ID token and verifies it for the login
     * {@code started}.
     *
     * @throws OidcException when the exchange fails or the ID token is not one this server may trust
     */
    public String person(String code, OidcLogins.Started started, URI redirect) throws OidcException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirect.toString());
        body.put("code_verifier", started.verifier());
        String basic = Base64.getEncoder()
                .encodeToString((enc(settings.clientId()) + ":" + enc(settings.clientSecret()))
                        .getBytes(StandardCharsets.UTF_8));
        JsonNode answer = call(
                HttpRequest.newBuilder(discovery().token())
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(body))),
                "the token endpoint");
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) throw new OidcException("the provider's token endpoint answered without an ID token");
        JWTClaimsSet claims;
        try {
            claims = verifier().process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new OidcException("the provider's ID token was refused: " + e.getMessage(), e);
        }
        // An ID token for several audiences names the one it was issued to (OpenID Connect Core 3.1.3.7).
        if (claims.getAudience().size() > 1 && !settings.clientId().equals(claims.getClaim("azp")))
            throw new OidcException("the provider's ID token was refused: it is for several audiences and its azp is"
                    + " not this server's client id");
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String n)
                || !java.security.MessageDigest.isEqual(
                        n.getBytes(StandardCharsets.UTF_8), started.nonce().getBytes(StandardCharsets.UTF_8)))
            throw new OidcException("the provider's ID token was refused: its nonce is not this login's");
        Object person = claims.getClaim(settings.claim());
        if (!(person instanceof String p) || p.isBlank())
            throw new OidcException("the provider's ID token has no " + settings.claim() + " claim to name the person");
        return p.strip();
    }

    private synchronized Discovery discovery() throws OidcException {
        if (discovery != null) return discovery;
        String base = settings.issuer().toString().replaceAll("/+$", "");
        JsonNode document = call(
                HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                        .GET(),
                "the discovery document");
        // The document must be the issuer's own: one naming another issuer is refused (OpenID Connect Discovery 4.3).
        if (!document.path("issuer").asText("").equals(settings.issuer().toString()))
            throw new OidcException("the provider's discovery document names the issuer \""
                    + document.path("issuer").asText("") + "\", not " + settings.issuer());
        discovery = new Discovery(
                endpoint(document, "authorization_endpoint"),
                endpoint(document, "token_endpoint"),
                endpoint(document, "jwks_uri"));
        return discovery;
    }

    private synchronized DefaultJWTProcessor<SecurityContext> verifier() throws OidcException {
        if (verifier != null) return verifier;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(discovery().jwks().toURL())
                    .retrying(false)
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new OidcException("the provider's jwks_uri is not a URL: " + e.getMessage(), e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        settings.clientId(),
                        new JWTClaimsSet.Builder()
                                .issuer(settings.issuer().toString())
                                .build(),
                        Set.of("sub", "iat", "exp", "nonce")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                });
        verifier = processor;
        return verifier;
    }

    private static URI endpoint(JsonNode document, String name) throws OidcException {
        String value = document.path(name).asText("");
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null
                    && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    && uri.getHost() != null) return uri;
        } catch (java.net.URISyntaxException e) {
            // said below
        }
        throw new OidcException("the provider's discovery document has no usable " + name + " (\"" + value + "\")");
    }

    private JsonNode call(HttpRequest.Builder request, String what) throws OidcException {
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(
                    request.timeout(TIMEOUT)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new OidcException("cannot reach " + what + " of the provider " + settings.issuer() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException("interrupted while asking the provider " + settings.issuer(), e);
        }
        try (java.io.InputStream in = response.body()) {
            byte[] body = in.readNBytes(MOST);
            if (response.statusCode() != 200)
                throw new OidcException(what + " of the provider answered HTTP " + response.statusCode());
            return json.readTree(body);
        } catch (IOException e) {
            throw new OidcException(what + " of the provider is not JSON: " + e.getMessage(), e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
