package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules and the Grafana dashboard in {@code deploy/monitoring} name only metrics the service exports
 * (docs/operations.md, "Alerts and dashboards"): a renamed metric would leave an alert that can never fire. The rules'
 * own behaviour is unit-tested by {@code promtool test rules} in {@code .ci/run}.
 */
class MonitoringFilesTest {
  private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
  private static final Pattern METRIC = Pattern.compile("acdest_[a-z_]+");

  @Test
  void everyMetricTheRulesAndTheDashboardNameIsExported() throws Exception {
    Set<String> named = new TreeSet<>();
    for (String file : new String[] {"alerts.yml", "grafana-dashboard.json"}) {
      Matcher found = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
      while (found.find()) {
        named.add(found.group());
      }
    }
    assertThat(named)
        .contains(
            "acdest_deliveries_total",
            "acdest_destination_paused_seconds",
            "acdest_queue_oldest_due_age_seconds");

    try (RunningService service =
        new RunningService(TestDatabase.newDatabaseSettings(4), Map.of())) {
      // a delivered call and a dead one, so that the counters exist
      service.sandbox().inject(SandboxFault.status("/api/3/contact/sync", 1, 422));
      service.post(
          "/v1/identify",
          "{\"userId\":\"u1\",\"messageId\":\"m1\",\"traits\":{\"email\":\"a@example.com\",\"firstName\":\"Ana\"}}");
      service.post(
          "/v1/identify",
          "{\"userId\":\"u2\",\"messageId\":\"m2\",\"traits\":{\"email\":\"b@example.com\",\"firstName\":\"Ben\"}}");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  new TreeSet<>(java.util.List.of(service.stateOf("m1"), service.stateOf("m2")))
                      .equals(Set.of("dead", "delivered")));
      String scrape =
          service
              .send(HttpRequest.newBuilder(URI.create(service.url() + "/metrics")).GET().build())
              .body();
      assertThat(named)
          .allSatisfy(
              metric ->
                  assertThat(scrape)
                      .as("/metrics exports " + metric)
                      .containsPattern("(?m)^" + metric + "[{ ]"));
    }
  }
}
