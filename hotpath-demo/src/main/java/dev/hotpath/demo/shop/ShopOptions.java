package dev.hotpath.demo.shop;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shop server's command line:
 * {@code --port <p|0> --jdbc-url <url> [--jdbc-user u] [--jdbc-password p] --redis <uri|none>
 * --fixes <list|none|all> [--seed 42] [--scale 1.0] [--schema hotpath_shop]}.
 */
record ShopOptions(int port, String jdbcUrl, @Nullable String jdbcUser, @Nullable String jdbcPassword,
    @Nullable String redis, Set<Fix> fixes, long seed, double scale, String schema) {

  static final String USAGE = "usage: ShopServer --port <p|0> --jdbc-url <url> [--jdbc-user u] [--jdbc-password p]"
      + " --redis <uri|none> --fixes <indexes,no-n-plus-one,pool,cache,compression|none|all>"
      + " [--seed 42] [--scale 1.0] [--schema " + ShopData.DEFAULT_SCHEMA + "]";

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException with one line naming the bad option and what it accepts
   */
  static ShopOptions parse(String... args) {
    Integer port = null;
    String url = null;
    String user = null;
    String password = null;
    String redis = null;
    Set<Fix> fixes = null;
    long seed = ShopData.DEFAULT_SEED;
    double scale = 1.0;
    String schema = ShopData.DEFAULT_SCHEMA;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(opt + " needs a value; " + USAGE);
      }
      String v = args[++i];
      switch (opt) {
        case "--port" -> {
          port = number(opt, v);
          if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], was " + v);
          }
        }
        case "--jdbc-url" -> url = v;
        case "--jdbc-user" -> user = v;
        case "--jdbc-password" -> password = v;
        case "--redis" -> redis = v.equals("none") ? "" : v;
        case "--fixes" -> fixes = Fix.parse(v);
        case "--seed" -> seed = number(opt, v);
        case "--scale" -> {
          try {
            scale = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale must be a number, was '" + v + "'");
          }
          ShopData.checkScale(scale);
        }
        case "--schema" -> schema = ShopData.checkSchema(v);
        default -> throw new IllegalArgumentException("unknown option " + opt + "; " + USAGE);
      }
    }
    if (port == null || url == null || redis == null || fixes == null) {
      throw new IllegalArgumentException("--port, --jdbc-url, --redis and --fixes are required; " + USAGE);
    }
    ShopData.withSchema(url, schema); // rejects URLs of other databases
    if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
      throw new IllegalArgumentException("--redis must be none or a redis:// URI, was '" + redis + "'");
    }
    return new ShopOptions(port, url, user, password, redis.isEmpty() ? null : redis, fixes, seed, scale, schema);
  }

  private static int number(String opt, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " must be an integer, was '" + v + "'");
    }
  }

  boolean has(Fix fix) {
    return fixes.contains(fix);
  }
}
