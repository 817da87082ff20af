package dev.hotpath.spring;

import dev.hotpath.monitor.JvmDiagnostics;
import dev.hotpath.monitor.Profile;
import dev.hotpath.monitor.ProfileEvent;
import dev.hotpath.monitor.ProfileFormat;
import dev.hotpath.monitor.Profiler;
import dev.hotpath.monitor.ProfilerBusyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.MimeType;

/**
 * Go's {@code net/http/pprof} contract as an Actuator endpoint: {@code
 * /actuator/pprof/profile?seconds=30} returns a gzipped pprof CPU profile that {@code go tool
 * pprof} reads; {@code wall}, {@code allocs} and {@code lock} ({@code mutex}, {@code block}) profile
 * the other events; {@code format=flamegraph|collapsed|jfr|pprof} picks the output; {@code heap} is
 * a class histogram and {@code threads} ({@code goroutine}) a thread dump with locks; {@code
 * /actuator/pprof} lists them. Spring Boot has no profiling endpoint; this is where hotpath goes
 * beyond it.
 *
 * <p>Secured the Actuator way: off by default ({@code defaultAccess = NONE}, like {@code
 * heapdump}), so it needs {@code management.endpoint.pprof.access=read-only} and web exposure
 * ({@code management.endpoints.web.exposure.include=pprof}); Spring Security's rules for {@code
 * EndpointRequest} apply. The starter refuses to start it without Spring Security unless the
 * management address is loopback (see {@code hotpath.profiling.allow-unsecured}).
 *
 * <p>Thread-safe; one profile at a time (another request gets 409), the request's thread blocks
 * for the profile's duration.
 */
@WebEndpoint(id = "pprof", defaultAccess = Access.NONE)
public class PprofEndpoint {
  private static final int DEFAULT_SECONDS = 30;
  private static final MimeType TEXT = MimeType.valueOf("text/plain;charset=UTF-8");

  private final Profiler profiler;

  /** Profiles with {@code profiler}. */
  public PprofEndpoint(Profiler profiler) {
    this.profiler = Objects.requireNonNull(profiler, "profiler");
  }

  /** What {@code /actuator/pprof/{name}} offers. */
  @ReadOperation
  public Map<String, Object> index() {
    Map<String, Object> profiles = new LinkedHashMap<>();
    profiles.put("profile", "CPU profile; ?seconds=N (default 30, at most " + profiler.maxDuration().toSeconds() + ")");
    profiles.put("wall", "wall-clock profile of every thread");
    profiles.put("allocs", "allocation profile, weighted by bytes");
    profiles.put("lock", "lock contention profile, weighted by time waited (also mutex, block)");
    profiles.put("heap", "class histogram of the heap");
    profiles.put("threads", "thread dump with locks (also goroutine)");
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("profiles", profiles);
    index.put("formats", "format=pprof (default, for go tool pprof), flamegraph, collapsed, jfr");
    return index;
  }

  /** One profile or dump; 400 for a bad argument, 404 for an unknown name, 409 while another profile runs. */
  @ReadOperation
  public WebEndpointResponse<Resource> profile(@Selector String name, @Nullable Integer seconds, @Nullable String format) {
    return switch (name) {
      case "profile" -> run(ProfileEvent.CPU, seconds, format);
      case "wall" -> run(ProfileEvent.WALL, seconds, format);
      case "allocs" -> run(ProfileEvent.ALLOC, seconds, format);
      case "lock", "mutex", "block" -> run(ProfileEvent.LOCK, seconds, format);
      case "heap" -> text(200, JvmDiagnostics.classHistogram(true));
      case "threads", "goroutine" -> text(200, JvmDiagnostics.threadDump());
      default -> text(404, "unknown profile '" + name + "'; see /actuator/pprof\n");
    };
  }

  private WebEndpointResponse<Resource> run(ProfileEvent event, @Nullable Integer seconds, @Nullable String format) {
    ProfileFormat f;
    try {
      f = ProfileFormat.parse(format == null ? "pprof" : format);
    } catch (IllegalArgumentException e) {
      return text(400, e.getMessage() + "\n");
    }
    long s = seconds == null ? Math.min(DEFAULT_SECONDS, profiler.maxDuration().toSeconds()) : seconds;
    if (s < 1 || s > profiler.maxDuration().toSeconds()) {
      return text(400, "seconds must be within [1, " + profiler.maxDuration().toSeconds() + "], was " + s
          + " (hotpath.profiling.max-duration)\n");
    }
    Profile p;
    try {
      p = profiler.profile(event, Duration.ofSeconds(s), f == ProfileFormat.JFR);
    } catch (ProfilerBusyException e) {
      return text(409, e.getMessage() + "\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return text(503, "interrupted\n");
    } catch (IOException e) {
      throw new UncheckedIOException("profiling failed: " + e.getMessage(), e);
    }
    String file = event.name().toLowerCase(Locale.ROOT) + "." + f.extension();
    return new WebEndpointResponse<>(new NamedBytes(p.toBytes(f), file), 200, MimeType.valueOf(f.contentType()));
  }

  private static WebEndpointResponse<Resource> text(int status, String body) {
    return new WebEndpointResponse<>(new ByteArrayResource(body.getBytes(StandardCharsets.UTF_8)), status, TEXT);
  }

  /** Bytes with a file name, so a browser saves {@code cpu.pb.gz} rather than {@code profile}. */
  private static final class NamedBytes extends ByteArrayResource {
    private final String filename;

    NamedBytes(byte[] bytes, String filename) {
      super(bytes);
      this.filename = filename;
    }

    @Override
    public String getFilename() {
      return filename;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof NamedBytes n && n.filename.equals(filename) && super.equals(other);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + filename.hashCode();
    }
  }
}
