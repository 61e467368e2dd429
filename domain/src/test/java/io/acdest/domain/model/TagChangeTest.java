package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagChangeTest {

  @Test
  void tagsResetOfOneAsDocumentedRequestsAReset() {
    // "pass in a trait called tagsReset with a value of 1"
    assertThat(TagChange.resetRequested(1)).isTrue();
    assertThat(TagChange.resetRequested(1L)).isTrue();
    assertThat(TagChange.resetRequested(1.0)).isTrue();
  }

  @Test
  void trueAndTheStringOneMeanTheSame() {
    assertThat(TagChange.resetRequested(true)).isTrue();
    assertThat(TagChange.resetRequested("1")).isTrue();
  }

  @Test
  void anythingElseLeavesTheTagsInPlace() {
    for (Object value : new Object[] {null, 0, 2, false, "0", "yes", "true"}) {
      assertThat(TagChange.resetRequested(value)).as("tagsReset %s", value).isFalse();
    }
  }

  @Test
  void aChangeWithNothingToDoIsEmpty() {
    assertThat(TagChange.NONE.isEmpty()).isTrue();
    assertThat(new TagChange(true, TagSet.empty()).isEmpty()).isFalse();
    assertThat(new TagChange(false, TagSet.of("vip")).isEmpty()).isFalse();
  }
}
