package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Guice module of the Mailchimp adapter: binds {@link CrmContacts}, {@link CrmActivity}, the destination's name for
 * the integrations filter and the form of Mailchimp's audience ids. Needs a {@link Vertx}, a {@link RateLimiter},
 * an {@link AttemptLog} and a {@link Clock} bound elsewhere.
 */
public final class MailchimpModule extends AbstractModule {
  /** The name callers use for this destination in a call's {@code integrations} object (Segment's own name for it). */
  public static final String DESTINATION_NAME = "Mailchimp";

  /**
   * Mailchimp's audience (list) ids: ten lower-case hexadecimal characters, as every id in its API reference and in
   * users' reports is ({@code 57afe96172}, {@code 26d8e9db1e}, {@code ec96764770}).
   */
  public static final ListIdFormat LIST_IDS =
      new ListIdFormat(
          Pattern.compile("[0-9a-f]{10}"),
          "must be a Mailchimp audience id (ten characters 0-9 and a-f, e.g. 57afe96172)");

  private final MailchimpSettings settings;
  private final CrmAccount account;

  /** The module for this audience, named by its API address and audience id. */
  public MailchimpModule(MailchimpSettings settings) {
    this(settings, settings.account());
  }

  /** The module for an account whose name is given (a built-in sandbox names itself, wherever it listens). */
  public MailchimpModule(MailchimpSettings settings, CrmAccount account) {
    this.settings = settings;
    this.account = account;
  }

  @Provides
  @Singleton
  CrmAccount account() {
    return account;
  }

  @Provides
  @Singleton
  ListIdFormat listIds() {
    return LIST_IDS;
  }

  @Provides
  @Singleton
  IntegrationsFilter filter() {
    return new IntegrationsFilter(DESTINATION_NAME);
  }

  @Provides
  @Singleton
  McHttp http(Vertx vertx, RateLimiter limiter, AttemptLog attempts, Clock clock) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("activecampaign-destination (mailchimp adapter)")
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(settings.connections()));
    return new McHttp(client, settings, limiter, attempts, clock, new ObjectMapper());
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
