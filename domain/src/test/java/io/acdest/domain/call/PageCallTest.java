package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.PageUrl;
import io.acdest.domain.model.SiteVisit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageCallTest {

  private static PageCall map(Map<String, Object> event) {
    Map<String, Object> withUser = obj("userId", "ze8rt1u89");
    withUser.putAll(event);
    return (PageCall) CallMapping.map(call("page", withUser));
  }

  @Test
  void urlAndReferrerComeFromProperties() {
    PageCall page =
        map(
            obj(
                "properties",
                obj("url", "https://shop.example.com/pricing", "referrer", "https://google.com/")));
    SiteVisit visit = page.toVisit(new EmailAddress("jane.kim@example.com"));
    assertThat(visit.url()).isEqualTo(new PageUrl("https://shop.example.com/pricing"));
    assertThat(visit.referrer()).contains(new PageUrl("https://google.com/"));
  }

  @Test
  void aBrowserPageCallWithOnlyContextPageIsEnough() {
    // analytics.page(): the browser library fills context.page
    PageCall page =
        map(
            obj(
                "context",
                obj(
                    "page",
                    obj(
                        "url",
                        "https://shop.example.com/",
                        "referrer",
                        "https://news.example.org/a"))));
    assertThat(page.url()).isEqualTo(new PageUrl("https://shop.example.com/"));
    assertThat(page.referrer()).contains(new PageUrl("https://news.example.org/a"));
  }

  @Test
  void propertiesWinOverContextPage() {
    PageCall page =
        map(
            obj(
                "properties",
                obj("url", "https://a.example.com/"),
                "context",
                obj("page", obj("url", "https://b.example.com/"))));
    assertThat(page.url().value()).isEqualTo("https://a.example.com/");
  }

  @Test
  void aPageWithoutUrlIsRejected() {
    assertThatThrownBy(() -> map(obj("properties", obj("title", "Pricing"))))
        .isInstanceOfSatisfying(
            InvalidField.class, e -> assertThat(e.code()).isEqualTo(InvalidField.Code.MISSING_URL))
        .hasMessageContaining("context.page.url is required");
  }

  @Test
  void aRelativeUrlIsRejectedNamingWhereItCameFrom() {
    assertThatThrownBy(() -> map(obj("context", obj("page", obj("url", "/pricing")))))
        .hasMessage("context.page.url must be an absolute http(s) URL");
  }

  @Test
  void aBadReferrerIsDroppedWithAWarning() {
    PageCall page =
        map(
            obj(
                "properties",
                obj("url", "https://shop.example.com/", "referrer", "android-app://x")));
    assertThat(page.referrer()).isEmpty();
    assertThat(page.warnings())
        .singleElement()
        .asString()
        .startsWith("properties.referrer must be an absolute http(s) URL");
  }
}
