package dev.gantry.server;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a browser does with the server's pages, over real HTTP: keeps cookies, posts forms, follows nothing. */
public final class Browser {

    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public final String base;
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    public Browser(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return visit(base + path);
    }

    /** Goes to {@code url}, on this server or another, as a link or a redirect would. */
    public HttpResponse<String> visit(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form, with the headers given (name, value, ...). */
    HttpResponse<String> form(String path, Map<String, String> fields, String... headers) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts JSON as a page's script would, with the headers given (name, value, ...). */
    public HttpResponse<String> json(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Loads the login form and posts it; answers the server's answer to the post. */
    public HttpResponse<String> logIn(String person, String password, String next) throws Exception {
        HttpResponse<String> page = get("/login?next=" + enc(next));
        Matcher token = LOGIN_TOKEN.matcher(page.body());
        if (!token.find()) throw new AssertionError("no _csrf field in the login form: " + page.body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token.group(1));
        fields.put("next", next);
        fields.put("person", person);
        fields.put("password", password);
        return form("/login", fields, "Origin", base);
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Holds a cookie as if the server had set it on path {@code /}, as a stolen or kept cookie would be. */
    public void keep(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
