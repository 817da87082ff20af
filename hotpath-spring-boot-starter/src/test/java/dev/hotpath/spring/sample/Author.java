package dev.hotpath.spring.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

@Entity
public class Author {
  @Id
  private Long id;

  private String name;

  @OneToMany(mappedBy = "author") // lazy: touching it runs one query per author
  private List<Book> books = new ArrayList<>();

  protected Author() {}

  public Author(long id, String name) {
    this.id = id;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public List<Book> getBooks() {
    return books;
  }
}
