package io.acdest.domain.call;

import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.PageUrl;
import io.acdest.domain.model.SiteVisit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A page, mapped: the visited URL, its referrer, and where the contact's email comes from (docs/behaviour.md §3). */
public record PageCall(
    CallEnvelope envelope,
    PageUrl url,
    Optional<PageUrl> referrer,
    List<EmailSource> emailSources,
    List<String> warnings)
    implements MappedCall {

  public PageCall {
    emailSources = List.copyOf(emailSources);
    warnings = List.copyOf(warnings);
  }

  /**
   * The page rules of docs/behaviour.md §3: {@code url} and {@code referrer} from {@code properties}, then {@code
   * context.page}. The URL is required and must be an absolute http(s) URL; a referrer that is not one is dropped with
   * a
   * warning (the visit is still worth recording).
   */
  public static PageCall from(CallEnvelope envelope, CallFields event) {
    CallFields properties = event.object("properties");
    CallFields page = envelope.context().object("page");
    List<String> warnings = new ArrayList<>();

    Optional<String> url = nonBlank(properties, "url");
    String urlPath = url.isPresent() ? properties.pathOf("url") : page.pathOf("url");
    PageUrl pageUrl =
        PageUrl.parse(
            url.or(() -> nonBlank(page, "url"))
                .orElseThrow(
                    () ->
                        new InvalidField(
                            InvalidField.Code.MISSING_URL,
                            "properties.url",
                            "or context.page.url is required (an absolute http(s) URL)")),
            urlPath);

    Optional<String> referrer = nonBlank(properties, "referrer");
    String referrerPath =
        referrer.isPresent() ? properties.pathOf("referrer") : page.pathOf("referrer");
    Optional<PageUrl> pageReferrer =
        referrer
            .or(() -> nonBlank(page, "referrer"))
            .flatMap(
                text -> {
                  try {
                    return Optional.of(PageUrl.parse(text, referrerPath));
                  } catch (InvalidField notAbsolute) {
                    warnings.add(
                        notAbsolute.getMessage() + "; the visit is recorded without a referrer");
                    return Optional.empty();
                  }
                });
    return new PageCall(
        envelope, pageUrl, pageReferrer, EmailSource.forActivity(properties, envelope), warnings);
  }

  private static Optional<String> nonBlank(CallFields fields, String key) {
    return fields.string(key).filter(text -> !text.isBlank());
  }

  /** The visit to record for the contact with this email. */
  public SiteVisit toVisit(EmailAddress email) {
    return new SiteVisit(email, url, referrer, envelope.timestamp());
  }
}
