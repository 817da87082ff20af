package dev.hotpath.spring.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Book {
  @Id
  private Long id;

  private String title;

  @ManyToOne
  private Author author;

  protected Book() {}

  public Book(long id, String title, Author author) {
    this.id = id;
    this.title = title;
    this.author = author;
  }

  public String getTitle() {
    return title;
  }
}
