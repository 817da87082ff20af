package dev.hotpath.spring.sample;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Five authors with three books each, in the fresh schema of the run. */
@Configuration(proxyBeanMethods = false)
class SampleData {
  @Bean
  ApplicationRunner sampleRows(AuthorRepository authors, BookRepository books) {
    return args -> {
      for (long a = 1; a <= 5; a++) {
        Author author = authors.save(new Author(a, "author " + a));
        for (long b = 1; b <= 3; b++) {
          books.save(new Book(a * 10 + b, "book " + a + "." + b, author));
        }
      }
    };
  }
}
