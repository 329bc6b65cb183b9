package dev.gantry.server.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the server lets people log in through an OpenID Connect provider.
 *
 * @param issuer the provider's issuer, such as {@code https://accounts.example.com}; its discovery document is at
 *     {@code /.well-known/openid-configuration} under it
 * @param clientSecret the secret the provider gave the server, sent only to its token endpoint
 * @param claim the ID token's claim whose value is the person of a local account: {@code name},
 *     {@code preferred_username} or {@code email}
 * @param publicUrl the server's address as browsers reach it, such as {@code https://gantry.example.com}, for the
 *     redirect URI the provider knows; empty to take it from each request's {@code Host}
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, String claim, Optional<URI> publicUrl) {

    public static final Set<String> CLAIMS = Set.of("name", "preferred_username", "email");

    public OidcSettings {
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || issuer.getHost() == null)
            throw new IllegalArgumentException(
                    "--oidc-issuer: expected an https:// URL such as https://accounts.example.com, got \"" + issuer
                            + "\"");
        if (issuer.getQuery() != null || issuer.getFragment() != null)
            throw new IllegalArgumentException(
                    "--oidc-issuer: an issuer has no query or fragment, got \"" + issuer + "\"");
        if (clientId == null || clientId.isBlank())
            throw new IllegalArgumentException("--oidc-client-id: the provider's id of this server is needed");
        if (clientSecret == null || clientSecret.isBlank())
            throw new IllegalArgumentException(
                    "--oidc-client-secret-file: the file holds no secret; put the provider's client secret in it");
        if (!CLAIMS.contains(claim))
            throw new IllegalArgumentException(
                    "--oidc-claim: expected name, preferred_username or email, got \"" + claim + "\"");
        publicUrl.ifPresent(url -> {
            if (url.getScheme() == null || url.getHost() == null)
                throw new IllegalArgumentException(
                        "--public-url: expected a URL such as https://gantry.example.com, got \"" + url + "\"");
        });
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=(hidden), claim=" + claim
                + ", publicUrl=" + publicUrl + "]";
    }
}
