package dev.hotpath.demo.shop;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The shop's schema and its deterministic data: the same seed and scale give the same rows on
 * PostgreSQL and on H2 (in PostgreSQL mode). {@link #ensureSeeded} is idempotent: it reuses the data
 * when the {@code shop_meta} row names this schema version, seed and scale, and otherwise drops and
 * rebuilds the tables with PostgreSQL's {@code COPY} (or batched multi-row {@code INSERT}s elsewhere).
 *
 * <p>The tables have primary keys only: no foreign keys (H2 would index their columns, and the naive
 * service must really have no secondary index) and no unique constraints beyond the keys. The
 * secondary indexes are the {@link Fix#INDEXES} fix, created or dropped by {@link #applyIndexes}.
 *
 * <p>Not thread-safe against a concurrent seeding of the same schema; the demo seeds once, first.
 *
 * <pre>{@code
 * ShopData.SeedResult r = ShopData.ensureSeeded("jdbc:postgresql://127.0.0.1/test", "postgres", null,
 *     ShopData.DEFAULT_SCHEMA, 42, 1.0);
 * }</pre>
 */
public final class ShopData {
  /** Bumped whenever the tables or the generated data change, so old data is rebuilt. */
  public static final int SCHEMA_VERSION = 1;
  /** The schema the demo uses unless told otherwise. */
  public static final String DEFAULT_SCHEMA = "hotpath_shop";
  /** The seed of every published figure. */
  public static final long DEFAULT_SEED = 42;

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0);
  private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final int INSERT_ROWS_PER_STATEMENT = 200;

  /**
   * The secondary indexes of the {@link Fix#INDEXES} fix: exactly what {@code ExplainAdvisor}
   * suggests for the naive statements on PostgreSQL (IndexChoiceIT keeps it so; docs/demo.md has
   * its findings and the plan costs before and after). Each is the filter's equality column, then
   * the sort columns, so the pages come out of the index already ordered.
   */
  static final List<Index> INDEXES = List.of(
      new Index("ix_products_category_price", "products", "category_id, price_cents, id"),
      new Index("ix_products_category_created", "products", "category_id, created_at, id"),
      new Index("ix_reviews_product", "reviews", "product_id, created_at, id"),
      new Index("ix_orders_customer", "orders", "customer_id, created_at, id"),
      new Index("ix_order_items_order", "order_items", "order_id, id"));

  static final List<String> TABLES = List.of("categories", "products", "customers", "orders", "order_items", "reviews");

  private static final String[] CATEGORY_NAMES = {
      "Books", "Garden", "Kitchen", "Toys", "Music", "Outdoor", "Office", "Lighting", "Pets", "Tools",
  };
  private static final String[] CATEGORY_QUALIFIERS = {"Home", "Pro", "Kids", "Classic", "Travel"};
  private static final String[] ADJECTIVES = {
      "Compact", "Sturdy", "Elegant", "Quiet", "Bright", "Rustic", "Modern", "Foldable", "Smart", "Durable",
      "Light", "Premium", "Handmade", "Classic", "Portable", "Vintage",
  };
  private static final String[] NOUNS = {
      "Lamp", "Kettle", "Backpack", "Chair", "Notebook", "Speaker", "Planter", "Blanket", "Drill", "Mug",
      "Clock", "Puzzle", "Jacket", "Tent", "Brush", "Shelf", "Pan", "Headphones", "Leash", "Scissors",
  };
  private static final String[] WORDS = {
      "solid", "value", "works", "well", "after", "months", "of", "daily", "use", "the", "finish", "is",
      "better", "than", "expected", "shipping", "was", "fast", "and", "packaging", "good", "would", "buy",
      "again", "a", "little", "smaller", "larger", "heavier", "price", "quality", "easy", "to", "clean",
      "set", "up", "instructions", "clear", "colour", "matches", "photos", "great", "gift", "for", "family",
  };
  private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis",
      "Frances", "Edsger", "Radia", "Tim", "Hedy", "John", "Sophie", "Niklaus"};
  private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson",
      "Hamilton", "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners", "Lamarr", "Backus", "Wilson", "Wirth"};
  private static final String[] CITIES = {"Lisbon", "Oslo", "Lyon", "Graz", "Porto", "Turku", "Gent", "Brno"};
  private static final String[] STATUSES = {"delivered", "delivered", "delivered", "shipped", "paid", "cancelled"};

  private ShopData() {}

  /** One secondary index: its name, table and column list. */
  record Index(String name, String table, String columns) {
    String ddl() {
      return "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
    }
  }

  /**
   * Row counts at one scale; order items come to about three per order.
   *
   * @param categories always 50: listings stay category-sized as the catalogue grows
   */
  public record Sizes(int categories, int products, int customers, int orders, int reviews) {
    /** The counts at {@code scale} (1.0: 50k products, 10k customers, 100k orders, 250k reviews). */
    public static Sizes of(double scale) {
      checkScale(scale);
      return new Sizes(50, atLeast(50_000 * scale, 100), atLeast(10_000 * scale, 20),
          atLeast(100_000 * scale, 100), atLeast(250_000 * scale, 200));
    }

    private static int atLeast(double v, int min) {
      return Math.max(min, (int) Math.round(v));
    }
  }

  /**
   * What {@link #ensureSeeded} did.
   *
   * @param reused whether matching data was already there
   * @param took the time it spent (checking, or building and analysing)
   * @param orderItems the order lines in the tables
   */
  public record SeedResult(boolean reused, Duration took, Sizes sizes, long orderItems) {}

  static void checkScale(double scale) {
    if (!(scale > 0 && scale <= 100)) {
      throw new IllegalArgumentException("--scale must be in (0, 100], was " + scale);
    }
  }

  static String checkSchema(String schema) {
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "--schema must be 1-63 characters of [a-z0-9_] starting with a letter or _, was '" + schema + "'");
    }
    return schema;
  }

  /** {@code url} with {@code schema} as the connection's default schema (PostgreSQL, H2). */
  public static String withSchema(String url, String schema) {
    checkSchema(schema);
    if (url.startsWith("jdbc:postgresql:")) {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    if (url.startsWith("jdbc:h2:")) {
      return url + ";SCHEMA=" + schema;
    }
    throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL or H2 URL, was '" + url + "'");
  }

  /** Opens a connection through DriverManager with optional credentials. */
  static Connection connect(String url, @Nullable String user, @Nullable String password) throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(url, props);
  }

  /** Like {@link #ensureSeeded(DataSource, String, long, double)}, connecting to {@code jdbcUrl}. */
  public static SeedResult ensureSeeded(
      String jdbcUrl, @Nullable String user, @Nullable String password, String schema, long seed, double scale)
      throws SQLException {
    try (Connection c = connect(jdbcUrl, user, password)) {
      return ensureSeeded(c, schema, seed, scale);
    }
  }

  /**
   * Creates {@code schema} and its tables with the data of {@code seed} at {@code scale}, unless
   * they are already there; then analyses the tables (PostgreSQL) so plans are realistic.
   */
  public static SeedResult ensureSeeded(DataSource dataSource, String schema, long seed, double scale)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return ensureSeeded(c, schema, seed, scale);
    }
  }

  static SeedResult ensureSeeded(Connection c, String schema, long seed, double scale) throws SQLException {
    checkSchema(schema);
    c.setAutoCommit(true);
    SchemaLock lock = SchemaLock.take(c, schema);
    try {
      return seedLocked(c, schema, seed, scale);
    } finally {
      lock.close();
    }
  }

  /**
   * A PostgreSQL advisory lock on the schema's name, held by the session: two processes seeding (or
   * changing the indexes of) one schema at once take turns, and the second finds the data ready.
   * Elsewhere (H2, used by one harness at a time) it is a no-op.
   */
  private static final class SchemaLock {
    private final @Nullable Connection pg;
    private final String key;

    private SchemaLock(@Nullable Connection pg, String key) {
      this.pg = pg;
      this.key = key;
    }

    static SchemaLock take(Connection c, String schema) throws SQLException {
      String key = "hotpath_shop:" + schema;
      if (!isPostgres(c)) {
        return new SchemaLock(null, key);
      }
      call(c, "SELECT pg_advisory_lock(hashtext(?))", key);
      return new SchemaLock(c, key);
    }

    private static void call(Connection c, String sql, String key) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, key);
        ps.executeQuery().close();
      }
    }

    void close() throws SQLException {
      if (pg != null && !pg.isClosed()) {
        call(pg, "SELECT pg_advisory_unlock(hashtext(?))", key);
      }
    }
  }

  private static SeedResult seedLocked(Connection c, String schema, long seed, double scale) throws SQLException {
    Sizes sizes = Sizes.of(scale);
    long start = System.nanoTime();
    boolean pg = isPostgres(c);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      s.execute(pg ? "SET search_path TO " + schema : "SET SCHEMA " + schema);
    }
    long existing = matchingItems(c, seed, scale);
    if (existing >= 0) {
      return new SeedResult(true, Duration.ofNanos(System.nanoTime() - start), sizes, existing);
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS shop_meta");
      for (String t : TABLES) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
      s.execute("CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
      s.execute("CREATE TABLE products (id BIGINT PRIMARY KEY, category_id INT NOT NULL, name VARCHAR(200) NOT NULL,"
          + " description VARCHAR(2000) NOT NULL, price_cents INT NOT NULL, stock INT NOT NULL,"
          + " created_at TIMESTAMP NOT NULL)");
      s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
          + " email VARCHAR(200) NOT NULL, city VARCHAR(100) NOT NULL, created_at TIMESTAMP NOT NULL)");
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
          + " status VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL)");
      s.execute("CREATE TABLE order_items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL,"
          + " product_id BIGINT NOT NULL, quantity INT NOT NULL, unit_price_cents INT NOT NULL)");
      s.execute("CREATE TABLE reviews (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
          + " product_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, rating INT NOT NULL,"
          + " title VARCHAR(200) NOT NULL, body VARCHAR(2000) NOT NULL, created_at TIMESTAMP NOT NULL)");
      s.execute("CREATE TABLE shop_meta (schema_version INT NOT NULL, seed BIGINT NOT NULL,"
          + " scale VARCHAR(32) NOT NULL, order_items BIGINT NOT NULL, seeded_at TIMESTAMP NOT NULL)");
    }
    c.setAutoCommit(false);
    long items;
    try {
      items = generate(c, pg, sizes, seed);
      try (Statement s = c.createStatement()) {
        // Writes after seeding insert reviews with generated ids; start them after the seeded ones.
        s.execute("ALTER TABLE reviews ALTER COLUMN id RESTART WITH " + (sizes.reviews() + 1));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop_meta VALUES (?, ?, ?, ?, ?)")) {
        ps.setInt(1, SCHEMA_VERSION);
        ps.setLong(2, seed);
        ps.setString(3, scaleText(scale));
        ps.setLong(4, items);
        ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    settle(c);
    return new SeedResult(false, Duration.ofNanos(System.nanoTime() - start), sizes, items);
  }

  private static String scaleText(double scale) {
    return Double.toString(scale);
  }

  /** The order lines of matching data, or -1 when the data is missing or was seeded differently. */
  private static long matchingItems(Connection c, long seed, double scale) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT schema_version, seed, scale, order_items FROM shop_meta")) {
      if (rs.next() && rs.getInt(1) == SCHEMA_VERSION && rs.getLong(2) == seed
          && rs.getString(3).equals(scaleText(scale))) {
        return rs.getLong(4);
      }
      return -1;
    } catch (SQLException e) {
      return -1; // no shop_meta yet (autocommit: the failed statement does not poison a transaction)
    }
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }

  /**
   * After a bulk load on PostgreSQL: VACUUM as well as ANALYZE, so the first requests do not pay for
   * writing the hint bits of every freshly loaded page (and autovacuum does not do it during a step),
   * as PostgreSQL's own advice after a bulk load says. Needs autocommit.
   */
  private static void settle(Connection c) throws SQLException {
    if (!isPostgres(c)) {
      analyze(c);
      return;
    }
    try (Statement s = c.createStatement()) {
      for (String t : TABLES) {
        s.execute("VACUUM (ANALYZE) " + t);
      }
    }
  }

  static void analyze(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (isPostgres(c)) {
        for (String t : TABLES) {
          s.execute("ANALYZE " + t);
        }
      } else {
        s.execute("ANALYZE");
      }
    }
  }

  /**
   * Creates ({@code present}) or drops the secondary indexes on the connection's current schema, so
   * a naive server really runs without them; analyses after creating.
   */
  static void applyIndexes(Connection c, String schema, boolean present) throws SQLException {
    c.setAutoCommit(true);
    SchemaLock lock = SchemaLock.take(c, schema);
    try (Statement s = c.createStatement()) {
      for (Index ix : INDEXES) {
        s.execute(present ? ix.ddl() : "DROP INDEX IF EXISTS " + ix.name());
      }
      if (present) {
        analyze(c);
      }
    } finally {
      lock.close();
    }
  }

  /** The names (lower case) of the secondary indexes of {@link #INDEXES} that exist in {@code schema}. */
  static Set<String> presentIndexes(Connection c, String schema) throws SQLException {
    Set<String> out = new TreeSet<>();
    boolean pg = isPostgres(c);
    String sql = pg
        ? "SELECT indexname FROM pg_indexes WHERE schemaname = ?"
        : "SELECT index_name FROM information_schema.indexes WHERE LOWER(table_schema) = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1).toLowerCase(Locale.ROOT);
          if (INDEXES.stream().anyMatch(ix -> ix.name().equals(name))) {
            out.add(name);
          }
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Generation. Each table has its own random stream (seed ^ salt), so changing one table's rules
  // does not change the others' rows.

  private static long generate(Connection c, boolean pg, Sizes z, long seed) throws SQLException {
    try (RowSink cats = sink(c, pg, "categories", "id, name", 2)) {
      for (int i = 1; i <= z.categories(); i++) {
        cats.row(i, CATEGORY_NAMES[(i - 1) % CATEGORY_NAMES.length] + " "
            + CATEGORY_QUALIFIERS[((i - 1) / CATEGORY_NAMES.length) % CATEGORY_QUALIFIERS.length]);
      }
    }
    int[] prices = new int[z.products() + 1];
    SplittableRandom r = new SplittableRandom(seed ^ PRODUCT_SALT);
    try (RowSink products = sink(c, pg, "products",
        "id, category_id, name, description, price_cents, stock, created_at", 7)) {
      for (int id = 1; id <= z.products(); id++) {
        Object[] row = product(r, id, z);
        prices[id] = (Integer) row[4];
        products.row(row);
      }
    }
    r = new SplittableRandom(seed ^ 0xC057);
    try (RowSink customers = sink(c, pg, "customers", "id, name, email, city, created_at", 5)) {
      for (int id = 1; id <= z.customers(); id++) {
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        customers.row(id, first + " " + last, (first + "." + last + id + "@example.com").toLowerCase(Locale.ROOT),
            pick(r, CITIES), EPOCH.minusSeconds(r.nextLong(1_095L * 86_400)));
      }
    }
    r = new SplittableRandom(seed ^ 0x0D3E);
    try (RowSink orders = sink(c, pg, "orders", "id, customer_id, status, created_at", 4)) {
      for (int id = 1; id <= z.orders(); id++) {
        orders.row(id, 1 + r.nextInt(z.customers()), pick(r, STATUSES), EPOCH.minusSeconds(r.nextLong(365L * 86_400)));
      }
    }
    // A second stream: one connection runs one COPY at a time, so the lines follow the orders.
    long items = 0;
    r = new SplittableRandom(seed ^ 0x11E5);
    try (RowSink lines = sink(c, pg, "order_items", "id, order_id, product_id, quantity, unit_price_cents", 5)) {
      for (int id = 1; id <= z.orders(); id++) {
        int n = 1 + r.nextInt(5);
        for (int k = 0; k < n; k++) {
          int product = popular(r, z.products());
          lines.row(++items, id, product, 1 + r.nextInt(4), prices[product]);
        }
      }
    }
    r = new SplittableRandom(seed ^ 0x2E71);
    try (RowSink reviews = sink(c, pg, "reviews", "id, product_id, customer_id, rating, title, body, created_at", 7)) {
      for (int id = 1; id <= z.reviews(); id++) {
        int rating = r.nextInt(10) < 6 ? 4 + r.nextInt(2) : 1 + r.nextInt(3);
        reviews.row(id, popular(r, z.products()), 1 + r.nextInt(z.customers()), rating,
            capitalise(sentence(r, 3 + r.nextInt(4))), sentence(r, 12 + r.nextInt(30)),
            EPOCH.minusSeconds(r.nextLong(700L * 86_400)));
      }
    }
    return items;
  }

  private static final long PRODUCT_SALT = 0x5051;

  /** The row of product {@code id}, drawn from the products' stream (ids in order). */
  private static Object[] product(SplittableRandom r, int id, Sizes z) {
    int category = 1 + r.nextInt(z.categories());
    String name = pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " " + id;
    int price = 199 + r.nextInt(99_800);
    return new Object[] {id, category, name, sentence(r, 25 + r.nextInt(25)), price, r.nextInt(500),
        EPOCH.minusSeconds(r.nextLong(730L * 86_400))};
  }

  /** The category of seeded product {@code id} (replays the generator; for choosing test requests). */
  static int categoryOf(long seed, double scale, int id) {
    Sizes z = Sizes.of(scale);
    SplittableRandom r = new SplittableRandom(seed ^ PRODUCT_SALT);
    for (int i = 1; i < id; i++) {
      product(r, i, z);
    }
    return (Integer) product(r, id, z)[1];
  }

  /** A product id skewed towards popular ones (a few products get most orders and reviews). */
  static int popular(SplittableRandom r, int products) {
    double u = r.nextDouble();
    return 1 + (int) Math.min(products - 1, (long) (products * u * u));
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String sentence(SplittableRandom r, int words) {
    StringBuilder b = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(pick(r, WORDS));
    }
    return b.append('.').toString();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1, s.length() - 1);
  }

  private static RowSink sink(Connection c, boolean pg, String table, String columns, int arity) throws SQLException {
    return pg ? new CopySink(c, table, columns) : new InsertSink(c, table, columns, arity);
  }

  /** Where generated rows go. */
  private interface RowSink extends AutoCloseable {
    void row(Object... values) throws SQLException;

    @Override
    void close() throws SQLException;
  }

  /** PostgreSQL's COPY FROM STDIN in CSV, streamed in chunks of about 1 MB. */
  private static final class CopySink implements RowSink {
    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(1 << 20);

    CopySink(Connection c, String table, String columns) throws SQLException {
      this.copy = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)");
    }

    @Override
    public void row(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          buf.append(',');
        }
        Object v = values[i];
        if (v instanceof String s) {
          buf.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else if (v instanceof LocalDateTime t) {
          buf.append(COPY_TIME.format(t));
        } else {
          buf.append(v);
        }
      }
      buf.append('\n');
      if (buf.length() >= (1 << 20) - 4096) {
        flush();
      }
    }

    private void flush() throws SQLException {
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buf.setLength(0);
    }

    @Override
    public void close() throws SQLException {
      try {
        flush();
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
  }

  /** Multi-row INSERTs of {@value #INSERT_ROWS_PER_STATEMENT} rows, the portable fast path. */
  private static final class InsertSink implements RowSink {
    private final Connection c;
    private final String table;
    private final String columns;
    private final int arity;
    private final PreparedStatement full;
    private final List<Object> pending = new ArrayList<>();
    private int batched;

    InsertSink(Connection c, String table, String columns, int arity) throws SQLException {
      this.c = c;
      this.table = table;
      this.columns = columns;
      this.arity = arity;
      this.full = c.prepareStatement(insertSql(INSERT_ROWS_PER_STATEMENT));
    }

    private String insertSql(int rows) {
      String one = "(" + "?, ".repeat(arity - 1) + "?)";
      return "INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(", ", Collections.nCopies(rows, one));
    }

    @Override
    public void row(Object... values) throws SQLException {
      if (values.length != arity) {
        throw new IllegalArgumentException(table + ": " + values.length + " values for " + arity + " columns");
      }
      pending.addAll(List.of(values));
      if (pending.size() == arity * INSERT_ROWS_PER_STATEMENT) {
        bind(full);
        full.addBatch();
        pending.clear();
        if (++batched % 20 == 0) {
          full.executeBatch();
        }
      }
    }

    private void bind(PreparedStatement ps) throws SQLException {
      for (int i = 0; i < pending.size(); i++) {
        Object v = pending.get(i);
        ps.setObject(i + 1, v instanceof LocalDateTime t ? Timestamp.valueOf(t) : v);
      }
    }

    @Override
    public void close() throws SQLException {
      try (full) {
        full.executeBatch();
        if (!pending.isEmpty()) {
          try (PreparedStatement tail = c.prepareStatement(insertSql(pending.size() / arity))) {
            bind(tail);
            tail.executeUpdate();
          }
        }
      }
    }
  }
}
