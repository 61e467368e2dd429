package io.acdest.domain.model;

import java.util.Optional;

/** A contact's first and last name, each optional; blank parts are absent. */
public record PersonName(Optional<String> first, Optional<String> last) {
  public static final PersonName NONE = new PersonName(Optional.empty(), Optional.empty());

  public PersonName {
    first = first.map(String::strip).filter(s -> !s.isEmpty());
    last = last.map(String::strip).filter(s -> !s.isEmpty());
  }

  /**
   * The name rule of docs/behaviour.md §3: explicit first/last names win; when neither is given, a full {@code name} is
   * split at its first space ({@code "Jane van Kim"} is first {@code Jane}, last {@code van Kim}).
   */
  public static PersonName of(
      Optional<String> first, Optional<String> last, Optional<String> fullName) {
    PersonName explicit = new PersonName(first, last);
    if (explicit.isPresent() || fullName.isEmpty()) {
      return explicit;
    }
    String full = fullName.get().strip();
    int space = full.indexOf(' ');
    if (space < 0) {
      return new PersonName(Optional.of(full), Optional.empty());
    }
    return new PersonName(
        Optional.of(full.substring(0, space)), Optional.of(full.substring(space + 1)));
  }

  /** True when a first or a last name is known. */
  public boolean isPresent() {
    return first.isPresent() || last.isPresent();
  }
}
