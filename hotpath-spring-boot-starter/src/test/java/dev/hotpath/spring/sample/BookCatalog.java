package dev.hotpath.spring.sample;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Book titles through Spring's cache abstraction, which the starter backs with TieredCache. */
// tag::catalog[]
@Service
public class BookCatalog {
  private final BookRepository books;
  private final AtomicInteger queries = new AtomicInteger();

  BookCatalog(BookRepository books) {
    this.books = books;
  }

  @Cacheable(cacheNames = "book-titles", sync = true) // one query per key per instance, however many callers
  public @Nullable String title(long id) {
    queries.incrementAndGet();
    return books.findById(id).map(Book::getTitle).orElse(null);
  }

  @CacheEvict(cacheNames = "book-titles") // after the change is committed: every instance drops it
  public void renamed(long id) {}

  public int queries() { // a method, not the field: callers hold Spring's caching proxy
    return queries.get();
  }

  @Cacheable(cacheNames = "book-titles-unsynced") // Spring looks up, calls the method, then puts
  public @Nullable String titleUnsynced(long id) {
    queries.incrementAndGet();
    return books.findById(id).map(Book::getTitle).orElse(null);
  }
}
// end::catalog[]
