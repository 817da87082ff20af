package dev.hotpath.spring.sample;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A listing with an N+1 (lazy books), the same listing fetched in one query, and one author. */
@RestController
public class AuthorController {
  private final AuthorRepository authors;

  public AuthorController(AuthorRepository authors) {
    this.authors = authors;
  }

  /** N+1: one query for the authors, then one per author for its books. */
  @GetMapping("/authors")
  public List<AuthorView> lazy() {
    return authors.findAll().stream().map(AuthorController::view).toList();
  }

  /** The fix: one query with a fetch join. */
  @GetMapping("/authors/joined")
  public List<AuthorView> joined() {
    return authors.findAllWithBooks().stream().map(AuthorController::view).toList();
  }

  @GetMapping("/authors/{id}")
  public AuthorView one(@PathVariable long id) {
    return authors.findById(id).map(AuthorController::view).orElseThrow();
  }

  private static AuthorView view(Author a) {
    return new AuthorView(a.getId(), a.getName(), a.getBooks().stream().map(Book::getTitle).toList());
  }

  public record AuthorView(long id, String name, List<String> books) {}
}
