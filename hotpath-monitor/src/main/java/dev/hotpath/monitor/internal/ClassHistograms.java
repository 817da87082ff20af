package dev.hotpath.monitor.internal;

import dev.hotpath.monitor.ClassGrowth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code GC.class_histogram} output and diffs two of them. */
public final class ClassHistograms {
  // " 1:   12345   6789012  [B (java.base@25)"
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  private ClassHistograms() {}

  /** Class name to {instances, bytes}. */
  public static Map<String, long[]> parse(String histogram) {
    Map<String, long[]> rows = new HashMap<>();
    histogram
        .lines()
        .forEach(
            line -> {
              Matcher m = ROW.matcher(line);
              if (m.find()) {
                rows.merge(
                    m.group(3),
                    new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
              }
            });
    return rows;
  }

  /** The {@code top} classes whose bytes grew most from {@code before} to {@code after}. */
  public static List<ClassGrowth> grewMost(Map<String, long[]> before, Map<String, long[]> after, int top) {
    List<ClassGrowth> grown = new ArrayList<>();
    after.forEach(
        (name, a) -> {
          long[] b = before.getOrDefault(name, new long[2]);
          long bytes = a[1] - b[1];
          if (bytes > 0) {
            grown.add(new ClassGrowth(name, a[0] - b[0], bytes));
          }
        });
    grown.sort(Comparator.comparingLong(ClassGrowth::bytes).reversed());
    return List.copyOf(grown.subList(0, Math.min(top, grown.size())));
  }
}
