package dev.hotpath.load.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The YAML shape of a scenario file, bound by Jackson (unknown keys fail with line and column). */
public record ScenarioDoc(@Nullable String baseUrl, @Nullable String csv, @Nullable List<RequestDoc> requests) {

  /** One request entry of the YAML file. */
  public record RequestDoc(
      @Nullable String name,
      @Nullable String method,
      @Nullable String url,
      @Nullable Map<String, String> headers,
      @Nullable String body,
      @Nullable Integer weight,
      @Nullable List<Integer> expect) {}
}
