package dev.hotpath.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/** The sample application of the starter's tests: authors and their books over PostgreSQL with JPA. */
@SpringBootApplication
@EnableCaching // backed by hotpath-cache's TieredCache through the starter
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
