package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageUrlTest {

  @Test
  void absoluteHttpAndHttpsUrlsAreAccepted() {
    assertThat(new PageUrl("https://Shop.Example.com/checkout?step=2").domain())
        .isEqualTo("shop.example.com");
    assertThat(new PageUrl("http://example.com").value()).isEqualTo("http://example.com");
  }

  @Test
  void relativeOtherSchemeAndMalformedUrlsAreRejectedNamingTheField() {
    for (String bad :
        new String[] {
          "/checkout",
          "example.com/checkout",
          "ftp://example.com/",
          "https://",
          "http://exa mple.com/"
        }) {
      assertThatThrownBy(() -> PageUrl.parse(bad, "properties.url"))
          .as(bad)
          .isInstanceOf(InvalidField.class)
          .hasMessage("properties.url must be an absolute http(s) URL");
    }
  }
}
