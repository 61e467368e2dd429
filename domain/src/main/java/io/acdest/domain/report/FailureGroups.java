package io.acdest.domain.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures as the store counts them (per exact reason) folded into the groups operators read
 * ({@link FailureReason#group}): counts added up, the earliest first and the latest last time kept, the newest
 * {@value #SAMPLES} samples, the largest group first.
 */
public final class FailureGroups {
  /** Samples kept per group. */
  public static final int SAMPLES = 3;

  private FailureGroups() {}

  /** Failures of one exact reason, as stored. */
  public record Counted(String outcome, String reason, long count, Instant first, Instant last) {}

  /** A sample of one exact reason. */
  public record Sampled(String outcome, String reason, DeliveryReport.Sample sample) {}

  /** The groups, the largest first. */
  public static List<DeliveryReport.FailureGroup> of(List<Counted> counted, List<Sampled> samples) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Counted c : counted) {
      groups
          .computeIfAbsent(
              c.outcome() + "\n" + FailureReason.group(c.reason()),
              key -> new Group(c.outcome(), FailureReason.group(c.reason())))
          .add(c);
    }
    for (Sampled s : samples) {
      Group group = groups.get(s.outcome() + "\n" + FailureReason.group(s.reason()));
      if (group != null) {
        group.samples.add(s.sample());
      }
    }
    return groups.values().stream()
        .map(Group::done)
        .sorted(
            Comparator.comparingLong(DeliveryReport.FailureGroup::count)
                .reversed()
                .thenComparing(DeliveryReport.FailureGroup::reason))
        .toList();
  }

  /** The skipped calls' counts per reason group. */
  public static Map<String, Long> skipped(List<Counted> counted) {
    Map<String, Long> skipped = new LinkedHashMap<>();
    counted.forEach(c -> skipped.merge(FailureReason.group(c.reason()), c.count(), Long::sum));
    return skipped;
  }

  private static final class Group {
    private final String outcome;
    private final String reason;
    private long count;
    private Instant first;
    private Instant last;
    private final List<DeliveryReport.Sample> samples = new ArrayList<>();

    Group(String outcome, String reason) {
      this.outcome = outcome;
      this.reason = reason;
    }

    void add(Counted c) {
      count += c.count();
      first = first == null || c.first().isBefore(first) ? c.first() : first;
      last = last == null || c.last().isAfter(last) ? c.last() : last;
    }

    DeliveryReport.FailureGroup done() {
      List<DeliveryReport.Sample> newest =
          samples.stream()
              .sorted(Comparator.comparing(DeliveryReport.Sample::at).reversed())
              .limit(SAMPLES)
              .toList();
      return new DeliveryReport.FailureGroup(reason, outcome, count, first, last, newest);
    }
  }
}
