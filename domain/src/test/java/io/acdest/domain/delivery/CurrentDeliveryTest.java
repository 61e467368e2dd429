package io.acdest.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurrentDeliveryTest {
  @Test
  void theJobIsKnownOnlyDuringItsDelivery() {
    assertThat(CurrentDelivery.job()).isEmpty();
    assertThat(CurrentDelivery.of(new JobId(7), CurrentDelivery::job)).contains(new JobId(7));
    assertThat(CurrentDelivery.job()).isEmpty();
    assertThatThrownBy(() -> CurrentDelivery.of(new JobId(8), () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(CurrentDelivery.job()).as("cleared after a failure too").isEmpty();
  }
}
