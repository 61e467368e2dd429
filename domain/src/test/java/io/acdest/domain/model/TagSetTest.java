package io.acdest.domain.model;

import static io.acdest.domain.call.Json.arr;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagSetTest {

  @Test
  void documentationExampleGivesTwoTags() {
    // tags: ['checkout', 'abandoned']
    TagSet tags = TagSet.parse(arr("checkout", "abandoned"), "traits.tags");
    assertThat(tags.asList()).extracting(Tag::name).containsExactly("checkout", "abandoned");
  }

  @Test
  void aSingleStringIsOneTag() {
    assertThat(TagSet.parse("checkout", "traits.tags").asList())
        .extracting(Tag::name)
        .containsExactly("checkout");
  }

  @Test
  void namesAreTrimmedAndBlankNamesDropped() {
    TagSet tags = TagSet.parse(arr("  checkout ", "", "   "), "traits.tags");
    assertThat(tags.asList()).extracting(Tag::name).containsExactly("checkout");
  }

  @Test
  void duplicatesIgnoringCaseKeepTheFirstSpelling() {
    TagSet tags = TagSet.parse(arr("Checkout", "checkout", "CHECKOUT", "abandoned"), "traits.tags");
    assertThat(tags.asList()).extracting(Tag::name).containsExactly("Checkout", "abandoned");
  }

  @Test
  void aNonStringElementIsAnErrorNamingItsIndex() {
    assertThatThrownBy(() -> TagSet.parse(arr("checkout", obj("a", 1)), "traits.tags"))
        .isInstanceOf(InvalidField.class)
        .hasMessage("traits.tags[1] must be a string");
    assertThatThrownBy(() -> TagSet.parse(obj("a", 1), "traits.tags"))
        .hasMessage("traits.tags must be a string or an array of strings");
  }

  @Test
  void diffIsWhatTheContactDoesNotHaveYetIgnoringCase() {
    TagSet wanted = TagSet.of("checkout", "abandoned", "vip");
    TagSet current = TagSet.of("CHECKOUT", "old");
    assertThat(wanted.diff(current)).isEqualTo(TagSet.of("abandoned", "vip"));
  }
}
