package dev.hotpath.bench.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The smallest Spring MVC application with a templated endpoint, as the benchmark's target. */
@SpringBootApplication
@RestController
public class BenchApplication {
  /** Created by Spring. */
  public BenchApplication() {}

  /** One small JSON body. */
  @GetMapping("/users/{id}")
  public String user(@PathVariable long id) {
    return "{\"id\":" + id + "}";
  }
}
