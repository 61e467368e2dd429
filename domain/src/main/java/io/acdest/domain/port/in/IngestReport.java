package io.acdest.domain.port.in;

import java.util.List;

/**
 * What became of each call of a request, in request order. {@code stored} is false only in strict mode when a
 * call was rejected: then nothing of the request was recorded.
 */
public record IngestReport(List<AcceptResult> results, boolean stored) {
  public IngestReport {
    results = List.copyOf(results);
  }

  public long accepted() {
    return count(AcceptResult.Accepted.class)
        + count(AcceptResult.Filtered.class)
        + count(AcceptResult.Ignored.class);
  }

  public long duplicates() {
    return count(AcceptResult.Duplicate.class);
  }

  public List<AcceptResult.Rejected> rejected() {
    return results.stream()
        .filter(AcceptResult.Rejected.class::isInstance)
        .map(AcceptResult.Rejected.class::cast)
        .toList();
  }

  private long count(Class<? extends AcceptResult> kind) {
    return results.stream().filter(kind::isInstance).count();
  }
}
