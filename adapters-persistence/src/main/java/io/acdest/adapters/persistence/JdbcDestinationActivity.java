package io.acdest.adapters.persistence;

import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.DestinationActivity;
import io.acdest.domain.report.DeliveryReport;
import io.acdest.domain.report.FailureGroups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One destination's deliveries over a window (docs/behaviour.md §8), read in one transaction: the calls received in
 * the window (by {@code messages.received_at}) and what became of their delivery there, the deliveries finished per
 * bucket (by {@code finished_at}), and the skipped and failed ones per exact reason with the newest three samples of
 * each failing reason and the last request made for each sample.
 */
final class JdbcDestinationActivity {
  /** The most exact reasons read per kind; the groups they fold into are far fewer. */
  private static final int MAX_REASONS = 500;

  private static final String RECEIVED =
      """
      SELECT count(*) AS received, count(*) FILTER (WHERE state = 'rejected') AS rejected,
             count(*) FILTER (WHERE state IN ('filtered', 'ignored')) AS filtered
      FROM messages WHERE received_at >= ? AND received_at < ?
      """;
  private static final String ROUTED =
      """
      SELECT CASE WHEN j.status = 'pending' THEN 'pending' ELSE j.outcome END AS outcome, count(*) AS n
      FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref
      WHERE j.destination = ? AND m.received_at >= ? AND m.received_at < ?
      GROUP BY 1
      """;
  private static final String BUCKETS =
      """
      SELECT to_timestamp(floor(extract(epoch FROM finished_at) / ?) * ?) AS start,
             count(*) FILTER (WHERE outcome = 'delivered') AS delivered,
             count(*) FILTER (WHERE outcome = 'skipped') AS skipped,
             count(*) FILTER (WHERE outcome = 'dead') AS dead
      FROM delivery_jobs
      WHERE status = 'finished' AND finished_at >= ? AND finished_at < ? AND destination = ?
      GROUP BY 1 ORDER BY 1
      """;
  private static final String P95 =
      """
      SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - accepted_at)) AS p95
      FROM delivery_jobs
      WHERE status = 'finished' AND finished_at >= ? AND finished_at < ? AND destination = ?
        AND outcome = 'delivered'
      """;

  /** A skipped, dead or retrying delivery of a call received in the window; its kind as {@code kind}. */
  private static final String NOT_DELIVERED =
      """
      FROM (SELECT j.id, j.reason, j.finished_at, m.received_at, m.source, m.message_id, m.type,
                   CASE WHEN j.status = 'pending' THEN 'retrying' ELSE j.outcome END AS kind
            FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref
            WHERE j.destination = ? AND m.received_at >= ? AND m.received_at < ?
              AND ((j.status = 'finished' AND j.outcome IN ('skipped', 'dead'))
                OR (j.status = 'pending' AND j.reason IS NOT NULL))) d
      """;

  private static final String REASONS =
      """
      SELECT kind, reason, count(*) AS n,
             min(coalesce(finished_at, received_at)) AS first_seen,
             max(coalesce(finished_at, (SELECT max(a.attempted_at) FROM attempts a WHERE a.job_id = d.id),
                          received_at)) AS last_seen
      """
          + NOT_DELIVERED
          + " GROUP BY kind, reason ORDER BY n DESC LIMIT "
          + MAX_REASONS;
  private static final String SAMPLES =
      """
      SELECT s.kind, s.reason, s.source, s.message_id, s.type,
             coalesce(a.attempted_at, s.finished_at, s.received_at) AS at,
             coalesce(a.request, a.endpoint) AS request, a.http_status,
             concat_ws(': ', a.error_class, a.error_text) AS answer
      FROM (SELECT d.*, row_number() OVER (PARTITION BY kind, reason
                                           ORDER BY coalesce(finished_at, received_at) DESC, id DESC) AS nth
      """
          + NOT_DELIVERED
          + """
            WHERE kind <> 'skipped') s
      LEFT JOIN LATERAL (SELECT * FROM attempts a WHERE a.job_id = s.id
                         ORDER BY a.attempted_at DESC, a.id DESC LIMIT 1) a ON true
      WHERE s.nth <= 3
      LIMIT
      """
          + MAX_REASONS * 3;

  private final DataSource dataSource;

  JdbcDestinationActivity(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DestinationActivity read(DestinationId destination, Instant from, Instant to, Duration bucket) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          List<FailureGroups.Counted> skipped = new ArrayList<>();
          List<FailureGroups.Counted> failed = new ArrayList<>();
          for (FailureGroups.Counted counted : reasons(connection, destination, from, to)) {
            (counted.outcome().equals("skipped") ? skipped : failed).add(counted);
          }
          return new DestinationActivity(
              funnel(connection, destination, from, to),
              buckets(connection, destination, from, to, bucket),
              p95(connection, destination, from, to),
              skipped,
              failed,
              samples(connection, destination, from, to));
        });
  }

  private static DeliveryReport.Funnel funnel(
      Connection connection, DestinationId destination, Instant from, Instant to)
      throws SQLException {
    long received;
    long rejected;
    long filtered;
    try (PreparedStatement select = connection.prepareStatement(RECEIVED)) {
      Jdbc.setInstant(select, 1, from);
      Jdbc.setInstant(select, 2, to);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        received = row.getLong("received");
        rejected = row.getLong("rejected");
        filtered = row.getLong("filtered");
      }
    }
    Map<String, Long> routed = new java.util.HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(ROUTED)) {
      window(select, 1, destination, from, to);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          routed.put(String.valueOf(row.getString("outcome")), row.getLong("n"));
        }
      }
    }
    return new DeliveryReport.Funnel(
        received,
        rejected,
        filtered,
        routed.values().stream().mapToLong(Long::longValue).sum(),
        Map.of(),
        routed.getOrDefault("delivered", 0L),
        routed.getOrDefault("dead", 0L),
        routed.getOrDefault("pending", 0L),
        routed.getOrDefault("ended", 0L));
  }

  private static List<DeliveryReport.Bucket> buckets(
      Connection connection, DestinationId destination, Instant from, Instant to, Duration bucket)
      throws SQLException {
    List<DeliveryReport.Bucket> buckets = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(BUCKETS)) {
      select.setLong(1, bucket.toSeconds());
      select.setLong(2, bucket.toSeconds());
      Jdbc.setInstant(select, 3, from);
      Jdbc.setInstant(select, 4, to);
      select.setString(5, destination.value());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          buckets.add(
              new DeliveryReport.Bucket(
                  Jdbc.getInstant(row, "start"),
                  row.getLong("delivered"),
                  row.getLong("skipped"),
                  row.getLong("dead")));
        }
      }
    }
    return buckets;
  }

  private static Optional<Duration> p95(
      Connection connection, DestinationId destination, Instant from, Instant to)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(P95)) {
      Jdbc.setInstant(select, 1, from);
      Jdbc.setInstant(select, 2, to);
      select.setString(3, destination.value());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        double seconds = row.getDouble("p95");
        return row.wasNull()
            ? Optional.empty()
            : Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
      }
    }
  }

  private static List<FailureGroups.Counted> reasons(
      Connection connection, DestinationId destination, Instant from, Instant to)
      throws SQLException {
    List<FailureGroups.Counted> reasons = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(REASONS)) {
      window(select, 1, destination, from, to);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          reasons.add(
              new FailureGroups.Counted(
                  row.getString("kind"),
                  row.getString("reason"),
                  row.getLong("n"),
                  Jdbc.getInstant(row, "first_seen"),
                  Jdbc.getInstant(row, "last_seen")));
        }
      }
    }
    return reasons;
  }

  private static List<FailureGroups.Sampled> samples(
      Connection connection, DestinationId destination, Instant from, Instant to)
      throws SQLException {
    List<FailureGroups.Sampled> samples = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SAMPLES)) {
      window(select, 1, destination, from, to);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          int status = row.getInt("http_status");
          Optional<Integer> answered = row.wasNull() ? Optional.empty() : Optional.of(status);
          samples.add(
              new FailureGroups.Sampled(
                  row.getString("kind"),
                  row.getString("reason"),
                  new DeliveryReport.Sample(
                      new MessageKey(
                          new SourceId(row.getString("source")),
                          new MessageId(row.getString("message_id"))),
                      row.getString("type"),
                      Jdbc.getInstant(row, "at"),
                      Optional.ofNullable(row.getString("request")),
                      answered,
                      Optional.ofNullable(row.getString("answer")).filter(a -> !a.isEmpty()))));
        }
      }
    }
    return samples;
  }

  private static void window(
      PreparedStatement statement, int first, DestinationId destination, Instant from, Instant to)
      throws SQLException {
    statement.setString(first, destination.value());
    Jdbc.setInstant(statement, first + 1, from);
    Jdbc.setInstant(statement, first + 2, to);
  }
}
