package dev.gantry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.server.auth.OidcSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on loopback that speaks the protocol: a discovery document, a JWKS, an authorization
 * endpoint that logs in whoever it is told to, and a token endpoint that checks the client's secret, the redirect
 * URI and the PKCE verifier before it issues an RS256-signed ID token. Its knobs make the ID tokens an attacker
 * would send: signed by another key, for another audience, expired, with another nonce.
 */
public final class TestOidcProvider implements AutoCloseable {

    static final String CLIENT = "gantry";
    static final String SECRET = "a client secret nobody guesses";

    private final HttpServer http;
    private final Clock clock;
    private final RSAKey key;
    private final RSAKey impostor;
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    volatile String person = "Priya Shah";
    volatile boolean signedByAnotherKey;
    volatile String audience = CLIENT;
    /** A second audience beside {@link #audience}, with no {@code azp} to say which one the token is for. */
    volatile Optional<String> alsoFor = Optional.empty();

    volatile Duration lifetime = Duration.ofMinutes(5);
    volatile Optional<String> nonce = Optional.empty();
    volatile int tokensIssued;

    public TestOidcProvider(Clock clock) throws Exception {
        this.clock = clock;
        this.key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        // The same key id, another key: what a forger who knows the id but not the key signs with.
        this.impostor = new RSAKeyGenerator(2048).keyID("key-1").generate();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/.well-known/openid-configuration", this::discovery);
        http.createContext("/jwks", e -> answer(e, 200, new JWKSet(key.toPublicJWK()).toString()));
        http.createContext("/authorize", this::authorize);
        http.createContext("/token", this::token);
        http.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    OidcSettings settings() {
        return new OidcSettings(URI.create(issuer()), CLIENT, SECRET, "name", Optional.empty());
    }

    /** The settings of servers that browsers reach at {@code publicUrl}, such as replicas behind a load balancer. */
    public OidcSettings settings(URI publicUrl) {
        return new OidcSettings(URI.create(issuer()), CLIENT, SECRET, "name", Optional.of(publicUrl));
    }

    private void discovery(HttpExchange e) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", issuer() + "/authorize");
        document.put("token_endpoint", issuer() + "/token");
        document.put("jwks_uri", issuer() + "/jwks");
        document.put("response_types_supported", new String[] {"code"});
        document.put("subject_types_supported", new String[] {"public"});
        document.put("id_token_signing_alg_values_supported", new String[] {"RS256"});
        document.put("code_challenge_methods_supported", new String[] {"S256"});
        answer(e, 200, json.writeValueAsString(document));
    }

    /** Logs in {@link #person} at once, as a provider does for someone who already has its session. */
    private void authorize(HttpExchange e) throws IOException {
        Map<String, String> query = form(e.getRequestURI().getRawQuery());
        if (!"code".equals(query.get("response_type"))
                || !CLIENT.equals(query.get("client_id"))
                || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null
                || query.get("nonce") == null
                || !String.valueOf(query.get("scope")).contains("openid")) {
            answer(e, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = "code-" + codes.size() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        codes.put(code, query);
        e.getResponseHeaders()
                .add(
                        "Location",
                        query.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(query.get("state")));
        e.sendResponseHeaders(302, -1);
        e.close();
    }

    private void token(HttpExchange e) throws IOException {
        Map<String, String> body = form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((enc(CLIENT) + ":" + enc(SECRET)).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(e.getRequestHeaders().getFirst("Authorization"))) {
            answer(e, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, String> authorized = codes.remove(String.valueOf(body.get("code")));
        if (authorized == null
                || !"authorization_code".equals(body.get("grant_type"))
                || !authorized.get("redirect_uri").equals(body.get("redirect_uri"))
                || body.get("code_verifier") == null
                || !challenge(body.get("code_verifier")).equals(authorized.get("code_challenge"))) {
            answer(e, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            java.time.Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer())
                    .subject("user-1")
                    .audience(
                            alsoFor.isPresent()
                                    ? java.util.List.of(audience, alsoFor.get())
                                    : java.util.List.of(audience))
                    .claim("name", person)
                    .claim("nonce", nonce.orElse(authorized.get("nonce")))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(lifetime)))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID("key-1")
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signedByAnotherKey ? impostor : key));
            tokensIssued++;
            answer(
                    e,
                    200,
                    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                            + jwt.serialize() + "\"}");
        } catch (Exception ex) {
            answer(e, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> fields = new HashMap<>();
        if (text == null || text.isEmpty()) return fields;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
