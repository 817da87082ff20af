package dev.hotpath.bench.spring;

import jakarta.servlet.Filter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The starter's cost per request, through Spring MVC: one GET of a templated endpoint, dispatched
 * by MockMvc through the application's whole filter chain (Spring Boot's {@code
 * http.server.requests} observation included, as Actuator sets it up), in three applications that
 * differ only in the starter: {@code none} (its auto-configurations excluded, the anchor), {@code
 * off} (present, {@code hotpath.web/jvm/leak.enabled=false}) and {@code on} (defaults: the timing
 * filter with Scope, Server-Timing and the slow-request check; JVM extras and the leak detector,
 * which cost nothing per request). No socket: MockMvc calls the DispatcherServlet directly, so the
 * difference is the starter's, not the network's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
// Spring Boot's logging system off: the shaded jar mixes SLF4J versions, and logging is no part of the cost
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.springframework.boot.logging.LoggingSystem=none"})
public class SpringRequestBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] STARTER = {
    "dev.hotpath.spring.HotpathWebAutoConfiguration",
    "dev.hotpath.spring.HotpathDataSourceAutoConfiguration",
    "dev.hotpath.spring.HotpathJvmAutoConfiguration",
    "dev.hotpath.spring.HotpathActuatorAutoConfiguration"
  };

  @Param({"none", "off", "on"})
  public String starter = "on";

  private @Nullable ConfigurableApplicationContext context;
  private MockMvc mvc;

  @Setup
  public void start() {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--management.endpoints.web.exposure.include=health"));
    switch (starter) {
      case "none" -> args.add("--spring.autoconfigure.exclude=" + String.join(",", STARTER));
      case "off" -> args.addAll(List.of("--hotpath.web.enabled=false", "--hotpath.jvm.enabled=false", "--hotpath.leak.enabled=false"));
      case "on" -> {}
      default -> throw new IllegalArgumentException("starter must be none, off or on, was " + starter);
    }
    ConfigurableApplicationContext ctx = SpringApplication.run(BenchApplication.class, args.toArray(String[]::new));
    context = ctx;
    List<Filter> filters = new ArrayList<>();
    new ServletContextInitializerBeans(ctx.getBeanFactory()).forEach(initializer -> {
      if (initializer instanceof FilterRegistrationBean<?> registration && registration.isEnabled()) {
        filters.add(registration.getFilter());
      }
    });
    boolean hasTimingFilter = filters.stream().anyMatch(f -> f.getClass().getSimpleName().equals("TimingServletFilter"));
    if (hasTimingFilter != starter.equals("on")) {
      throw new IllegalStateException("starter=" + starter + " but the timing filter is " + (hasTimingFilter ? "present" : "absent"));
    }
    mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) ctx).addFilters(filters.toArray(Filter[]::new)).build();
  }

  @Benchmark
  public int getUser(CpuTime cpu) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    int length = mvc.perform(MockMvcRequestBuilders.get("/users/7")).andReturn().getResponse().getContentLength();
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    cpu.calls++;
    return length;
  }

  /**
   * The benchmark thread's CPU time per request ({@code cpuNanos / calls}), beside the wall time:
   * on a shared machine other processes stretch wall time but not the CPU time a request takes.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    /** CPU nanoseconds spent in requests this iteration. */
    public long cpuNanos;
    /** Requests this iteration. */
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      calls = 0;
    }
  }

  @TearDown
  public void stop() {
    ConfigurableApplicationContext ctx = context;
    if (ctx != null) {
      ctx.close();
    }
  }
}
