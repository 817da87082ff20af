package dev.hotpath.demo.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.LoadResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one step measured: the open-model run at the fixed offered rate (latency, achieved rate),
 * the closed-model pass (maximum requests per second) and the service's own counters over the open
 * run (queries, cache, bytes). Bytes per response are the body bytes the generator received (on the
 * wire, compressed or not); the service's own count is kept beside them.
 */
record StepFigures(
    SteppedService.Step step,
    double offeredRate,
    long p50,
    long p99,
    long p999,
    double openRps,
    long openErrors,
    long openDropped,
    double maxRps,
    long closedP99,
    long closedErrors,
    double queriesPerRequest,
    Map<String, Double> queriesPerRequestByEndpoint,
    double cacheHitRatio,
    double bytesPerRequest,
    double serviceBytesPerRequest,
    Map<String, Double> serverTimingMeanMs) {

  static StepFigures of(SteppedService.Step step, double rate, LoadResult open, LoadResult closed, ServiceClient.Stats stats) {
    EndpointStats o = open.overall();
    Map<String, Double> timing = new TreeMap<>();
    o.serverTiming().forEach((name, s) -> timing.put(name, s.duration().mean() / 1e6));
    return new StepFigures(step, rate, o.latency().p50(), o.latency().p99(), o.latency().p999(), o.successRps(),
        o.errorCount(), o.dropped(), closed.overall().successRps(), closed.overall().latency().p99(),
        closed.overall().errorCount(), stats.overallQueriesPerRequest(), stats.queriesPerRequest(),
        stats.cacheHitRatio(), o.completed() == 0 ? 0 : (double) o.bytesReceived() / o.completed(),
        stats.bytesPerRequest(), timing);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("step", step.name());
    n.put("label", step.label());
    n.put("fix", step.fix());
    n.put("offeredRate", offeredRate);
    ObjectNode open = n.putObject("open");
    open.put("p50Ms", p50 / 1e6);
    open.put("p99Ms", p99 / 1e6);
    open.put("p999Ms", p999 / 1e6);
    open.put("rps", openRps);
    open.put("errors", openErrors);
    open.put("dropped", openDropped);
    ObjectNode closed = n.putObject("closed");
    closed.put("maxRps", maxRps);
    closed.put("p99Ms", closedP99 / 1e6);
    closed.put("errors", closedErrors);
    ObjectNode service = n.putObject("service");
    service.put("queriesPerRequest", queriesPerRequest);
    ObjectNode by = service.putObject("queriesPerRequestByEndpoint");
    queriesPerRequestByEndpoint.forEach(by::put);
    service.put("cacheHitRatio", cacheHitRatio);
    service.put("responseBytesPerRequest", serviceBytesPerRequest);
    n.put("bytesPerResponse", bytesPerRequest);
    ObjectNode st = n.putObject("serverTimingMeanMs");
    serverTimingMeanMs.forEach(st::put);
    return n;
  }
}
