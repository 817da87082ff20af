package dev.hotpath.load.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.hotpath.load.ScenarioException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV file of a scenario: RFC 4180 as read by jackson-dataformat-csv, so a quoted value may hold
 * commas, doubled quotes and line breaks. The first row names the columns; blank lines are skipped.
 * Errors name the file and the line the offending row starts on.
 *
 * @param columns the header's column names
 * @param rows the values, each row as wide as the header
 */
public record ScenarioCsv(List<String> columns, List<List<String>> rows) {
  private static final CsvMapper MAPPER = new CsvMapper();

  public ScenarioCsv {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /**
   * Reads {@code csv} (UTF-8).
   *
   * @throws ScenarioException naming the file and line: unreadable, an unclosed quote, no data row, or
   *     a row whose width differs from the header's
   */
  public static ScenarioCsv read(Path csv) {
    List<List<String>> all = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readValues(in)) {
      while (true) {
        int line = it.getParser().currentLocation().getLineNr(); // where the next row starts
        try {
          if (!it.hasNextValue()) {
            break;
          }
          all.add(it.nextValue());
          lines.add(line);
        } catch (JsonProcessingException e) {
          throw new ScenarioException("CSV " + csv + " line " + line + ": " + plain(e.getOriginalMessage())
              + " (quote values that hold commas, quotes or line breaks with \"...\", and double the quotes inside)",
              line, 1, e);
        }
      }
    } catch (NoSuchFileException e) {
      throw new ScenarioException("CSV " + csv + ": no such file (the path is relative to the scenario file)", 0, 0, e);
    } catch (CharacterCodingException e) {
      throw new ScenarioException("CSV " + csv + ": not UTF-8 text; save it as UTF-8", 0, 0, e);
    } catch (AccessDeniedException e) {
      throw new ScenarioException("CSV " + csv + ": permission denied; make it readable for this user", 0, 0, e);
    } catch (IOException e) {
      // for a folder the JDK says only "Is a directory"
      String what = Files.isDirectory(csv) ? "a folder, not a file" : "cannot read it: " + e.getMessage();
      throw new ScenarioException("CSV " + csv + ": " + what, 0, 0, e);
    }
    if (all.size() < 2) {
      throw new ScenarioException("CSV " + csv + ": needs a header line and at least one row", 0, 0, null);
    }
    List<String> columns = all.get(0);
    for (int r = 1; r < all.size(); r++) {
      if (all.get(r).size() != columns.size()) {
        throw new ScenarioException("CSV " + csv + " line " + lines.get(r) + ": " + all.get(r).size()
            + " values, the header has " + columns.size(), lines.get(r), 1, null);
      }
    }
    return new ScenarioCsv(columns, all.subList(1, all.size()));
  }

  private static String plain(String jacksonMessage) {
    if (jacksonMessage.startsWith("Missing closing quote")) {
      return "a quoted value is not closed";
    }
    return jacksonMessage;
  }
}
