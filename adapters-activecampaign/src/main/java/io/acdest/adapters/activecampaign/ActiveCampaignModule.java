package io.acdest.adapters.activecampaign;

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

/**
 * Guice module of the ActiveCampaign adapter: binds {@link CrmContacts}, {@link CrmActivity}, the destination's
 * name for the integrations filter and the form of ActiveCampaign's list ids. Needs a {@link Vertx}, a {@link
 * RateLimiter}, an {@link AttemptLog} and a {@link Clock} bound elsewhere.
 */
public final class ActiveCampaignModule extends AbstractModule {
  /** The name callers use for this destination in a call's {@code integrations} object. */
  public static final String DESTINATION_NAME = "ActiveCampaign";

  private final ActiveCampaignSettings settings;
  private final CrmAccount account;

  /** The module for this account, named by its API address and account id. */
  public ActiveCampaignModule(ActiveCampaignSettings settings) {
    this(settings, settings.account());
  }

  /** The module for an account whose name is given (a built-in sandbox names itself, wherever it listens). */
  public ActiveCampaignModule(ActiveCampaignSettings settings, CrmAccount account) {
    this.settings = settings;
    this.account = account;
  }

  @Provides
  @Singleton
  CrmAccount account() {
    return account;
  }

  /** ActiveCampaign's list ids: positive whole numbers (as numbers or strings of digits). */
  public static final ListIdFormat LIST_IDS =
      new ListIdFormat(
          java.util.regex.Pattern.compile("[1-9][0-9]{0,18}"),
          "must be a positive whole number (a number or a string of digits): ActiveCampaign's list ids are");

  @Provides
  @Singleton
  ListIdFormat listIds() {
    return LIST_IDS;
  }

  /** The filter for calls meant for this destination. */
  public static IntegrationsFilter integrationsFilter() {
    return new IntegrationsFilter(DESTINATION_NAME);
  }

  @Provides
  @Singleton
  IntegrationsFilter filter() {
    return integrationsFilter();
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
  AcHttp http(Vertx vertx, RateLimiter limiter, AttemptLog attempts, Clock clock) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("activecampaign-destination")
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connectionsPerHost(settings.rates())));
    ObjectMapper json = new ObjectMapper();
    AcWarmUp.run(vertx, client, json);
    return new AcHttp(client, settings, limiter, attempts, clock, json);
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
