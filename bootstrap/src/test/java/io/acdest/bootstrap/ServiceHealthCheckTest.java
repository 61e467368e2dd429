package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.persistence.DatabaseMigrations;
import io.acdest.adapters.persistence.TestDatabase;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.port.in.ServiceHealthUseCase.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceHealthCheckTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final ConfigurationPauses pauses = new ConfigurationPauses(clock);

  @Test
  void readinessFollowsTheDatabaseAndConfigurationPauses() {
    try (HikariDataSource database = TestDatabase.newDatabase(2)) {
      ServiceHealthCheck health = new ServiceHealthCheck(database, List.of(pauses), false);
      assertThat(health.check().status()).as("not migrated").isEqualTo(Status.DOWN);

      DatabaseMigrations.migrate(database);
      assertThat(health.check().status()).isEqualTo(Status.UP);

      pauses.paused(
          "contact.sync: 403 You are not authorized (check the ActiveCampaign API URL and key)",
          DeliveryLane.CONTACTS);
      assertThat(health.check().status()).isEqualTo(Status.DEGRADED);
      assertThat(health.check().checks().get("deliveries"))
          .contains("check the ActiveCampaign API URL and key");

      pauses.delivered(DeliveryLane.ACTIVITY);
      assertThat(health.check().status())
          .as("a track delivered says nothing of the API key")
          .isEqualTo(Status.DEGRADED);
      pauses.delivered(DeliveryLane.CONTACTS);
      assertThat(health.check().status())
          .as("a delivery of the paused lane clears the pause")
          .isEqualTo(Status.UP);

      pauses.paused("again", DeliveryLane.CONTACTS);
      clock.advance(Duration.ofMinutes(6));
      assertThat(health.check().status()).as("a stale pause is forgotten").isEqualTo(Status.UP);

      database.close();
      assertThat(health.check().status()).isEqualTo(Status.DOWN);
      assertThat(health.check().checks().get("database")).startsWith("unreachable");
    }
  }
}
