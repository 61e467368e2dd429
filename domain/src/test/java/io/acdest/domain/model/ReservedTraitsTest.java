package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "If your custom field has the same name as a reserved trait, that custom field will not be updated." */
class ReservedTraitsTest {

  @Test
  void segmentsReservedTraitsAreReserved() {
    for (String trait :
        new String[] {
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
          "website"
        }) {
      assertThat(ReservedTraits.isReserved(trait)).as(trait).isTrue();
    }
  }

  @Test
  void thisDestinationsOwnTraitsAreReserved() {
    assertThat(ReservedTraits.isReserved("tags")).isTrue();
    assertThat(ReservedTraits.isReserved("tagsReset")).isTrue();
    assertThat(ReservedTraits.isReserved("lists")).isTrue();
  }

  @Test
  void reservedNamesCompareByTheirKey() {
    assertThat(ReservedTraits.isReserved("created_at")).isTrue();
    assertThat(ReservedTraits.isReserved("Company")).isTrue();
  }

  @Test
  void ordinaryTraitsAreNotReserved() {
    assertThat(ReservedTraits.isReserved("shirtSize")).isFalse();
    assertThat(ReservedTraits.isReserved("state")).isFalse();
  }
}
