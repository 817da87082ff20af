package dev.hotpath.db.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * JDK dynamic proxies for DataSource, Connection, Statement and ResultSet that time every execute
 * call and count rows (datasource-proxy is not on Maven Central, so this is the small subset of it
 * we need). Everything not intercepted is passed straight to the driver's object.
 */
public final class InspectingProxies {
  private static final ClassLoader LOADER = InspectingProxies.class.getClassLoader();

  private InspectingProxies() {}

  /** Wraps {@code target} so that every statement of every connection reports to {@code observer}. */
  public static DataSource dataSource(DataSource target, StatementObserver observer) {
    return (DataSource)
        Proxy.newProxyInstance(
            LOADER, new Class<?>[] {DataSource.class}, new DataSourceHandler(target, observer));
  }

  static @Nullable Object invoke(Object target, Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }

  static boolean isWrapperMethod(Method m) {
    return m.getName().equals("unwrap") || m.getName().equals("isWrapperFor");
  }

  private record DataSourceHandler(DataSource target, StatementObserver observer)
      implements InvocationHandler {
    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
      Object result = InspectingProxies.invoke(target, method, args);
      if (result instanceof Connection c && method.getName().equals("getConnection")) {
        return connection(c, observer);
      }
      return result;
    }
  }

  static Connection connection(Connection target, StatementObserver observer) {
    return (Connection)
        Proxy.newProxyInstance(
            LOADER, new Class<?>[] {Connection.class}, new ConnectionHandler(target, observer));
  }

  private static final class ConnectionHandler implements InvocationHandler {
    private final Connection target;
    private final StatementObserver observer;

    ConnectionHandler(Connection target, StatementObserver observer) {
      this.target = target;
      this.observer = observer;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
      Object result = InspectingProxies.invoke(target, method, args);
      String name = method.getName();
      if (result instanceof Statement s && !isWrapperMethod(method)) {
        Class<?> type =
            switch (name) {
              case "prepareCall" -> CallableStatement.class;
              case "prepareStatement" -> PreparedStatement.class;
              default -> Statement.class;
            };
        String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
        StatementHandler handler = new StatementHandler(s, sql, (Connection) proxy, observer);
        return Proxy.newProxyInstance(LOADER, new Class<?>[] {type}, handler);
      }
      return result;
    }
  }

  private static final class StatementHandler implements InvocationHandler {
    private final Statement target;
    private final Connection connectionProxy;
    private final StatementObserver observer;
    private @Nullable String sql;
    private @Nullable String fingerprint;
    private @Nullable Object[] params = new Object[8];
    private int paramCount;

    StatementHandler(
        Statement target, @Nullable String sql, Connection connectionProxy, StatementObserver observer) {
      this.target = target;
      this.connectionProxy = connectionProxy;
      this.observer = observer;
      this.sql = sql;
      this.fingerprint = sql == null ? null : observer.fingerprint(sql);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
      String name = method.getName();
      if (name.startsWith("execute")) {
        return execute(method, args);
      }
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
        remember(i, name.equals("setNull") ? null : args[1]);
      } else if (name.equals("clearParameters")) {
        Arrays.fill(params, null);
        paramCount = 0;
      } else if (name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String s) {
        if (sql == null) {
          sql = s; // a Statement batch is digested under its first statement
          fingerprint = observer.fingerprint(s);
        }
      } else if (name.equals("getConnection")) {
        return connectionProxy;
      }
      Object result = InspectingProxies.invoke(target, method, args);
      if (result instanceof ResultSet rs && name.equals("getResultSet") && fingerprint != null) {
        return resultSet(rs, fingerprint, observer);
      }
      return result;
    }

    private void remember(int index, @Nullable Object value) {
      if (index < 1 || index > 10_000) {
        return; // the driver will reject it; nothing to log
      }
      if (index > params.length) {
        params = Arrays.copyOf(params, Math.max(index, params.length * 2));
      }
      params[index - 1] = value;
      paramCount = Math.max(paramCount, index);
    }

    private @Nullable Object execute(Method method, @Nullable Object[] args) throws Throwable {
      String q = sql;
      String fp = fingerprint;
      if (args != null && args.length > 0 && args[0] instanceof String s) {
        q = s; // Statement.execute(sql)
        fp = observer.fingerprint(s);
      }
      long start = observer.ticker().read();
      Object result = InspectingProxies.invoke(target, method, args);
      long nanos = observer.ticker().read() - start;
      if (q == null || fp == null) {
        return result;
      }
      long rows = -1;
      if (result instanceof ResultSet rs) {
        result = resultSet(rs, fp, observer);
      } else if (result instanceof Integer n) {
        rows = Math.max(0, n);
      } else if (result instanceof Long n) {
        rows = Math.max(0, n);
      } else if (result instanceof int[] batch) {
        rows = 0;
        for (int n : batch) {
          rows += Math.max(0, n);
        }
      } else if (result instanceof long[] batch) {
        rows = 0;
        for (long n : batch) {
          rows += Math.max(0, n);
        }
      } else if (result instanceof Boolean) {
        rows = 0; // execute(): rows of a result set come through getResultSet()
      }
      observer.executed(
          q, fp, nanos, rows, params, paramCount, result instanceof AutoCloseable c ? c : null);
      return result;
    }
  }

  static ResultSet resultSet(ResultSet target, String fingerprint, StatementObserver observer) {
    return (ResultSet)
        Proxy.newProxyInstance(
            LOADER, new Class<?>[] {ResultSet.class}, new ResultSetHandler(target, fingerprint, observer));
  }

  private static final class ResultSetHandler implements InvocationHandler {
    private final ResultSet target;
    private final String fingerprint;
    private final StatementObserver observer;
    private long rows;
    private boolean reported;

    ResultSetHandler(ResultSet target, String fingerprint, StatementObserver observer) {
      this.target = target;
      this.fingerprint = fingerprint;
      this.observer = observer;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("next")) {
        boolean more = target.next();
        if (more) {
          rows++;
        } else {
          report();
        }
        return more;
      }
      if (name.equals("close")) {
        report();
      }
      return InspectingProxies.invoke(target, method, args);
    }

    private void report() {
      if (!reported) {
        reported = true;
        observer.rowsRead(fingerprint, rows);
      }
    }
  }
}
