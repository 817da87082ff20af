package dev.hotpath.load.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A result read from a file, with the format version it was written in and its name for messages. */
public record ResultFile(Path path, int version, LoadResult result) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Reads {@code path}.
   *
   * @throws IllegalArgumentException naming the file if it is not a result this version reads
   */
  public static ResultFile read(Path path) throws IOException {
    String json = Files.readString(path);
    LoadResult r;
    try {
      r = LoadResultJson.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
    JsonNode v = MAPPER.readTree(json).get("version");
    return new ResultFile(path, v == null ? 0 : v.asInt(), r);
  }
}
