package io.acdest.adapters.activecampaign;

import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.adapters.crm.CrmModule;
import io.acdest.adapters.crm.CrmWebClient;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;

/**
 * Guice module of the ActiveCampaign adapter: binds {@link CrmContacts}, {@link CrmActivity}, the destination's
 * name for the integrations filter and the form of ActiveCampaign's list ids. Needs a {@link Vertx}, a {@link
 * RateLimiter}, an {@link AttemptLog} and a {@link Clock} bound elsewhere.
 */
final class ActiveCampaignModule extends CrmModule {
  /** The name callers use for this destination in a call's {@code integrations} object. */
  static final String DESTINATION_NAME = "ActiveCampaign";

  /** ActiveCampaign's list ids: positive whole numbers (as numbers or strings of digits). */
  static final ListIdFormat LIST_IDS =
      new ListIdFormat(
          java.util.regex.Pattern.compile("[1-9][0-9]{0,18}"),
          "must be a positive whole number (a number or a string of digits): ActiveCampaign's list ids are");

  private final ActiveCampaignSettings settings;

  /**
   * The module for an account, under the name what the service learns of it is kept under: {@code
   * settings.account()} for a real one; a built-in sandbox names itself, wherever it listens.
   */
  ActiveCampaignModule(ActiveCampaignSettings settings, CrmAccount account) {
    super(account, DESTINATION_NAME, LIST_IDS);
    this.settings = settings;
  }

  /** The filter for calls meant for this destination. */
  static IntegrationsFilter integrationsFilter() {
    return new IntegrationsFilter(DESTINATION_NAME);
  }

  /**
   * Connections the client may keep open to each host: as many as requests may be in flight to it, so that none
   * waits inside the client for a connection after the rate limiter let it go. Vert.x's default is 5 a host; a
   * second's burst of the tracking window (20 places) would then leave 5 at a time, each request reaching the host
   * later than it was counted as sent, and the next window's requests, leaving on time, closer after it than the
   * window allows. Unlimited tracking (rate 0) is bounded by the activity workers, at most {@value #MOST_IN_FLIGHT}.
   */
  static int connectionsPerHost(ActiveCampaignRates rates) {
    return Math.max(
        PoolOptions.DEFAULT_MAX_POOL_SIZE,
        rates.trackingWindow().map(ActiveCampaignRates.Window::places).orElse(MOST_IN_FLIGHT));
  }

  static final int MOST_IN_FLIGHT = 128;

  @Provides
  @Singleton
  AcHttp http(
      Vertx vertx, RateLimiter limiter, CrmExchange exchange, Clock clock, CrmAccount account) {
    WebClient client =
        CrmWebClient.create(
            vertx,
            "activecampaign-destination",
            "activecampaign " + account.id(),
            settings.timeout(),
            connectionsPerHost(settings.rates()));
    AcWarmUp.run(client, exchange.json());
    AcAnswers answers = new AcAnswers(exchange.json(), clock);
    return new AcHttp(
        client, settings, new AcBudgets(settings, limiter, answers, clock), answers, exchange);
  }

  @Provides
  @Singleton
  CrmContacts contacts(AcHttp http, Clock clock) {
    return new ActiveCampaignCrmContacts(
        http,
        new TagCatalogue(http),
        new FieldCatalogue(http, clock),
        new ListCatalogue(http, clock));
  }

  @Provides
  @Singleton
  CrmActivity activity(AcHttp http) {
    return new ActiveCampaignCrmActivity(http, settings);
  }
}
