package io.acdest.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentDeliveryTest {
  @Test
  void theJobIsKnownOnlyDuringItsDelivery() {
    assertThat(CurrentDelivery.jobs()).isEmpty();
    assertThat(CurrentDelivery.of(new JobId(7), CurrentDelivery::jobs)).containsExactly(new JobId(7));
    assertThat(CurrentDelivery.jobs()).isEmpty();
    assertThatThrownBy(() -> CurrentDelivery.of(new JobId(8), () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(CurrentDelivery.jobs()).as("cleared after a failure too").isEmpty();
  }

  @Test
  void everyJobOfABulkImportIsKnownDuringItAndTheOuterOneAfter() {
    List<JobId> inner = CurrentDelivery.of(new JobId(1), () -> {
      List<JobId> imported = CurrentDelivery.of(List.of(new JobId(2), new JobId(3)), CurrentDelivery::jobs);
      assertThat(CurrentDelivery.jobs()).containsExactly(new JobId(1));
      return imported;
    });
    assertThat(inner).containsExactly(new JobId(2), new JobId(3));
  }
}
