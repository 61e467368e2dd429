package io.acdest.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of tags, unique ignoring case: the first spelling of a name is the one kept. Parses the
 * {@code tags} trait, which is an array of strings or a single string.
 */
public final class TagSet {
  private static final TagSet EMPTY = new TagSet(List.of());

  private final List<Tag> tags;

  private TagSet(List<Tag> tags) {
    this.tags = List.copyOf(tags);
  }

  public static TagSet empty() {
    return EMPTY;
  }

  /** The tags in order, without case-insensitive duplicates. */
  public static TagSet of(Collection<Tag> tags) {
    Map<String, Tag> unique = new LinkedHashMap<>();
    for (Tag tag : tags) {
      unique.putIfAbsent(tag.matchKey(), tag);
    }
    return new TagSet(new ArrayList<>(unique.values()));
  }

  /** Tags from names, e.g. {@code TagSet.of("checkout", "abandoned")}. */
  public static TagSet of(String... names) {
    List<Tag> tags = new ArrayList<>();
    for (String name : names) {
      tags.add(new Tag(name));
    }
    return of(tags);
  }

  /**
   * The {@code tags} rule of docs/behaviour.md §3: an array of strings, or one string as a single tag; names are
   * trimmed, blank names dropped, and duplicates ignoring case removed. Numbers are taken as their text. Anything else
   * is an
   * error naming {@code path} (and the element's index).
   */
  public static TagSet parse(Object value, String path) {
    if (value == null) {
      return EMPTY;
    }
    List<Object> elements;
    if (value instanceof List<?> list) {
      elements = new ArrayList<>(list);
    } else if (value instanceof String || value instanceof Number) {
      elements = List.of(value);
    } else {
      throw new InvalidField(path, "must be a string or an array of strings");
    }
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Object element = elements.get(i);
      String name;
      if (element instanceof String text) {
        name = text;
      } else if (element instanceof Number number) {
        name = number.toString();
      } else {
        throw new InvalidField(path + "[" + i + "]", "must be a string");
      }
      if (!name.isBlank()) {
        tags.add(new Tag(name));
      }
    }
    return of(tags);
  }

  /** The tags of this set that {@code current} does not have, ignoring case: what must be attached. */
  public TagSet diff(TagSet current) {
    List<Tag> missing = new ArrayList<>();
    for (Tag tag : tags) {
      if (!current.contains(tag)) {
        missing.add(tag);
      }
    }
    return new TagSet(missing);
  }

  /** True when a tag of the same name, ignoring case, is in the set. */
  public boolean contains(Tag tag) {
    return tags.stream().anyMatch(tag::sameAs);
  }

  public List<Tag> asList() {
    return tags;
  }

  public boolean isEmpty() {
    return tags.isEmpty();
  }

  public int size() {
    return tags.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagSet other && tags.equals(other.tags);
  }

  @Override
  public int hashCode() {
    return tags.hashCode();
  }

  @Override
  public String toString() {
    return tags.stream().map(Tag::name).toList().toString();
  }
}
