package dev.hotpath.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One kind of request a run sends. The URL, header values and body may hold templates ({@code
 * ${seq}}, {@code ${random:1:1000}}, {@code ${uuid}}, {@code ${csv:column}}), compiled once before
 * the run.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * RequestSpec get = RequestSpec.get("http://127.0.0.1:8080/users/${random:1:1000}");
 * RequestSpec post = new RequestSpec("create", "POST", "http://127.0.0.1:8080/users",
 *     Map.of("Content-Type", "application/json"), "{\"id\":\"${uuid}\"}", 1, Set.of(201));
 * }</pre>
 *
 * @param name shown in the summary; {@code METHOD /path} when blank
 * @param method HTTP method, upper case
 * @param url absolute {@code http://} or {@code https://} URL (may hold templates)
 * @param headers extra request headers (values may hold templates)
 * @param body request body (may hold templates); empty for none
 * @param weight relative share of this request in the mix, 1 to 1000
 * @param expectedStatuses statuses that count as success; empty means any 2xx or 3xx
 */
public record RequestSpec(
    String name,
    String method,
    String url,
    Map<String, String> headers,
    String body,
    int weight,
    Set<Integer> expectedStatuses) {

  public RequestSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    method = method.trim().toUpperCase(Locale.ROOT);
    if (!method.matches("[A-Z]+")) {
      throw new IllegalArgumentException("method: '" + method + "' is not an HTTP method");
    }
    URI u = parseUrl(url);
    if (name == null || name.isBlank()) {
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      name = method + " " + path;
    }
    if (weight < 1 || weight > 1000) {
      throw new IllegalArgumentException("weight of '" + name + "' must be in [1, 1000], was " + weight);
    }
    for (int s : expectedStatuses) {
      if (s < 100 || s > 599) {
        throw new IllegalArgumentException("expected status of '" + name + "' must be in [100, 599], was " + s);
      }
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    expectedStatuses = Collections.unmodifiableSet(new TreeSet<>(expectedStatuses));
  }

  /** A plain {@code GET url}. */
  public static RequestSpec get(String url) {
    return new RequestSpec("", "GET", url, Map.of(), "", 1, Set.of());
  }

  /** Whether {@code status} counts as a success for this request. */
  public boolean isExpected(int status) {
    return expectedStatuses.isEmpty() ? status >= 200 && status < 400 : expectedStatuses.contains(status);
  }

  /** The URL with templates blanked out, for checking scheme, host and port. */
  public URI uri() {
    return parseUrl(url);
  }

  private static URI parseUrl(String url) {
    String probe = url.replaceAll("\\$\\{[^}]*}", "0");
    URI u;
    try {
      u = new URI(probe);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed URL '" + url + "': " + e.getReason(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL '" + url + "' must start with http:// or https://");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL '" + url + "' has no host");
    }
    return u;
  }
}
