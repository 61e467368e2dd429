package io.acdest.adapters.crm;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;

/** The HTTP client a CRM adapter sends with: kept-alive connections, a connect timeout, a bounded pool per host. */
public final class CrmWebClient {
  private CrmWebClient() {}

  /**
   * A client that names itself {@code userAgent} and keeps at most {@code connectionsPerHost} connections to each
   * host: as many as requests may be in flight to it, so that none waits inside the client after its budget let it
   * go. Its metrics carry {@code metricsName} (the {@code client_name} tag), so that several clients' gauges stay
   * apart.
   */
  public static WebClient create(
      Vertx vertx,
      String userAgent,
      String metricsName,
      Duration connectTimeout,
      int connectionsPerHost) {
    return WebClient.create(
        vertx,
        new WebClientOptions()
            .setUserAgent(userAgent)
            .setMetricsName(metricsName)
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connectionsPerHost));
  }
}
