package io.acdest.domain.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The traits that never map to a custom field (docs/behaviour.md §3, and the destination's documentation: "If your
 * custom field has the same name as a reserved trait, that custom field will not be updated"). Names compare by their
 * custom-field key, so {@code created_at} is reserved like {@code createdAt}.
 */
public final class ReservedTraits {
  /** Segment's reserved traits, then this destination's own {@code tags}, {@code tagsReset} and {@code lists}. */
  public static final List<String> NAMES =
      List.of(
          "address",
          "age",
          "avatar",
          "birthday",
          "company",
          "createdAt",
          "description",
          "email",
          "firstName",
          "gender",
          "id",
          "lastName",
          "name",
          "phone",
          "title",
          "username",
          "website",
          "tags",
          "tagsReset",
          "lists");

  private static final Set<String> KEYS =
      NAMES.stream().map(CustomFieldKey::normalise).collect(Collectors.toUnmodifiableSet());

  private ReservedTraits() {}

  /** True when the trait is reserved and must not update a custom field. */
  public static boolean isReserved(String trait) {
    return KEYS.contains(CustomFieldKey.normalise(trait));
  }
}
