package io.acdest.adapters.mailchimp;

import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.adapters.crm.CrmModule;
import io.acdest.adapters.crm.CrmWebClient;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Guice module of the Mailchimp adapter: binds {@link CrmContacts}, {@link CrmActivity}, the destination's name for
 * the integrations filter and the form of Mailchimp's audience ids. Needs a {@link Vertx}, a {@link RateLimiter},
 * an {@link AttemptLog} and a {@link Clock} bound elsewhere.
 */
final class MailchimpModule extends CrmModule {
  /** The name callers use for this destination in a call's {@code integrations} object (Segment's own name for it). */
  static final String DESTINATION_NAME = "Mailchimp";

  /**
   * Mailchimp's audience (list) ids: ten lower-case hexadecimal characters, as every id in its API reference and in
   * users' reports is ({@code 57afe96172}, {@code 26d8e9db1e}, {@code ec96764770}).
   */
  static final ListIdFormat LIST_IDS =
      new ListIdFormat(
          Pattern.compile("[0-9a-f]{10}"),
          "must be a Mailchimp audience id (ten characters 0-9 and a-f, e.g. 57afe96172)");

  private final MailchimpSettings settings;

  /**
   * The module for an audience, under the name what the service learns of it is kept under: {@code
   * settings.account()} (its API address and audience id) for a real one; a built-in sandbox names itself.
   */
  MailchimpModule(MailchimpSettings settings, CrmAccount account) {
    super(account, DESTINATION_NAME, LIST_IDS);
    this.settings = settings;
  }

  @Provides
  @Singleton
  McHttp http(Vertx vertx, RateLimiter limiter, CrmExchange exchange, CrmAccount account) {
    WebClient client =
        CrmWebClient.create(
            vertx,
            "activecampaign-destination (mailchimp adapter)",
            "mailchimp " + account.id(),
            settings.timeout(),
            settings.connections());
    return new McHttp(client, settings, limiter, exchange);
  }

  @Provides
  @Singleton
  CrmContacts contacts(McHttp http, Clock clock) {
    return new MailchimpCrmContacts(
        http, settings, new MergeFieldCatalogue(http, settings.audienceId(), clock));
  }

  @Provides
  @Singleton
  CrmActivity activity(McHttp http) {
    return new MailchimpCrmActivity(http, settings);
  }
}
