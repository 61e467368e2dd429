package io.acdest.domain.port.out;

import io.acdest.domain.report.DeliveryReport;
import io.acdest.domain.report.FailureGroups;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A destination's deliveries over a window, as the store counts them: the funnel with the skipped calls still per
 * exact reason, outcomes per bucket, the 95th percentile from acceptance to delivery, the skipped and the failed
 * deliveries per exact reason ({@code dead}, or {@code retrying} while pending), and up to three samples of each
 * failing reason. The application folds the reasons into groups ({@link FailureGroups}).
 */
public record DestinationActivity(
    DeliveryReport.Funnel funnel,
    List<DeliveryReport.Bucket> buckets,
    Optional<Duration> p95AcceptToDelivered,
    List<FailureGroups.Counted> skipped,
    List<FailureGroups.Counted> failed,
    List<FailureGroups.Sampled> samples) {

  public DestinationActivity {
    buckets = List.copyOf(buckets);
    skipped = List.copyOf(skipped);
    failed = List.copyOf(failed);
    samples = List.copyOf(samples);
  }
}
