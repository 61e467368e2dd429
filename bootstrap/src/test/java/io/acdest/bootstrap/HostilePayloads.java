package io.acdest.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Generated and mutated requests for the hostile-input drill (D5): each a path, headers and body bytes. */
final class HostilePayloads {
  /**
   * One request to send. {@code valid} ones must be accepted and delivered. A request carrying a poison event (one
   * whose value no store can hold) must be answered 200 with that event rejected ({@code rejectedField}) and the
   * events named in {@code deliver} delivered.
   */
  record Attack(
      String kind,
      String path,
      List<String[]> headers,
      byte[] body,
      boolean valid,
      String messageId,
      String rejectedField,
      List<String> deliver) {
    Attack(
        String kind,
        String path,
        List<String[]> headers,
        byte[] body,
        boolean valid,
        String messageId) {
      this(kind, path, headers, body, valid, messageId, null, List.of());
    }
  }

  private static final byte[] GZIP_BOMB =
      gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, about 64 KB packed
  private final Random random;
  private final String writeKey;
  private int valid;

  HostilePayloads(long seed, String writeKey) {
    this.random = new Random(seed);
    this.writeKey = writeKey;
  }

  private String auth() {
    return "Basic "
        + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  private List<String[]> headers(String... extra) {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/json"});
    headers.add(new String[] {"Authorization", auth()});
    for (int i = 0; i < extra.length; i += 2) {
      headers.add(new String[] {extra[i], extra[i + 1]});
    }
    return headers;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String validTrack() {
    String id = "valid-" + valid++;
    return "{\"type\":\"track\",\"messageId\":\""
        + id
        + "\",\"userId\":\"drill-"
        + (valid % 7)
        + "\",\"event\":\"Drill "
        + id
        + "\",\"properties\":{\"email\":\"drill"
        + (valid % 7)
        + "@example.com\"}}";
  }

  /** The next request: every twentieth is valid, the rest are attacks of a random kind. */
  Attack next(int index) {
    if (index % 20 == 0) {
      String body = validTrack();
      String id = body.substring(body.indexOf("valid-"), body.indexOf('"', body.indexOf("valid-")));
      return new Attack("valid", "/v1/track", headers(), utf8(body), true, id);
    }
    String base = "{\"batch\":[" + validTrack().replace("valid-", "x-") + "]}";
    if (index % 20 == 10) {
      return poisonInBatch(index);
    }
    return switch (random.nextInt(14)) {
      case 0 ->
          attack(
              "truncated json",
              "/v1/batch",
              headers(),
              utf8(base.substring(0, 1 + random.nextInt(base.length() - 1))));
      case 1 -> attack("wrong types", "/v1/track", headers(), utf8(wrongTypes()));
      case 2 ->
          attack(
              "huge string",
              "/v1/track",
              headers(),
              utf8(
                  "{\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"s\":\""
                      + "x".repeat(40_000 + random.nextInt(600_000))
                      + "\"}}"));
      case 3 ->
          attack(
              "deep nesting",
              "/v1/identify",
              headers(),
              utf8(
                  "{\"userId\":\"u\",\"traits\":"
                      + "[".repeat(100 + random.nextInt(5000))
                      + "1"
                      + "]".repeat(10)
                      + "}"));
      case 4 -> attack("invalid utf-8", "/v1/track", headers(), invalidUtf8());
      case 5 -> attack("gzip bomb", "/v1/batch", headers("Content-Encoding", "gzip"), GZIP_BOMB);
      case 6 ->
          attack(
              "bad auth",
              "/v1/track",
              List.of(
                  new String[] {"Content-Type", "application/json"},
                  new String[] {
                    "Authorization",
                    random.nextBoolean()
                        ? "Basic !!!notbase64"
                        : "Basic "
                            + Base64.getEncoder()
                                .encodeToString("wrong-key:".getBytes(StandardCharsets.UTF_8))
                  }),
              utf8("{\"userId\":\"u\",\"event\":\"e\"}"));
      case 7 ->
          attack(
              "oversized batch",
              "/v1/batch",
              headers(),
              utf8(
                  "{\"batch\":["
                      + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\"},".repeat(2_600)
                      + "{}]}"));
      case 8 -> attack("random bytes", "/v1/batch", headers(), randomBytes());
      case 9 ->
          attack(
              "huge number",
              "/v1/track",
              headers(),
              utf8(
                  "{\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"n\":"
                      + "9".repeat(200 + random.nextInt(2000))
                      + "}}"));
      case 10 -> attack("empty body", "/v1/identify", headers(), new byte[0]);
      case 11 ->
          attack(
              "not an object",
              "/v1/batch",
              headers(),
              utf8(random.nextBoolean() ? "[1,2,3]" : "\"batch\""));
      case 12 ->
          attack(
              "nul and odd unicode",
              "/v1/identify",
              headers(),
              utf8(
                  "{\"userId\":\"u\\u0000\\ud800\",\"messageId\":\"nul-"
                      + index
                      + "\",\"traits\":{\"email\":\"a\\u0000@example.com\",\"k\\u0000\":\"\\uffff\"}}"));
      default -> attack("bad gzip", "/v1/batch", headers("Content-Encoding", "gzip"), utf8(base));
    };
  }

  /**
   * A batch of two valid tracks around one poison event: a value that is valid JSON but that no store holds as
   * given (issue 11's class: numbers beyond a double, times outside the years 1-9999, a skew correction that lands
   * there).
   */
  private Attack poisonInBatch(int index) {
    String[][] poisons = {
      {"properties.acValue", "\"properties\":{\"acValue\":1e999999}"},
      {"properties.acValue", "\"properties\":{\"acValue\":-1e400}"},
      {"properties.deep.list[1]", "\"properties\":{\"deep\":{\"list\":[1,1e-999999]}}"},
      {
        "timestamp",
        "\"originalTimestamp\":\"0001-01-01T00:00:00Z\",\"sentAt\":\"9999-12-31T00:00:00Z\""
      },
      {"timestamp", "\"timestamp\":\"+294277-01-01T00:00:00Z\""},
      {"sentAt", "\"sentAt\":\"-0001-06-01T00:00:00Z\",\"timestamp\":\"2026-01-01T00:00:00Z\""},
      {"originalTimestamp", "\"originalTimestamp\":\"0000-01-01T00:00:00Z\""}
    };
    String[] poison = poisons[random.nextInt(poisons.length)];
    String first = validTrack();
    String second = validTrack();
    String body =
        "{\"batch\":["
            + first
            + ",{\"type\":\"track\",\"messageId\":\"poison-"
            + index
            + "\",\"userId\":\"drill-poison\",\"event\":\"Poison\","
            + poison[1]
            + "},"
            + second
            + "]}";
    return new Attack(
        "poison in a batch",
        "/v1/batch",
        headers(),
        utf8(body),
        false,
        null,
        poison[0],
        List.of(eventName(first), eventName(second)));
  }

  private static String eventName(String track) {
    int at = track.indexOf("\"event\":\"") + 9;
    return track.substring(at, track.indexOf('"', at));
  }

  private Attack attack(String kind, String path, List<String[]> headers, byte[] body) {
    return new Attack(kind, path, headers, body, false, null);
  }

  private String wrongTypes() {
    String[] variants = {
      "{\"userId\":{\"a\":1},\"event\":\"e\"}",
      "{\"userId\":\"u\",\"event\":42}",
      "{\"userId\":\"u\",\"event\":\"e\",\"properties\":[1]}",
      "{\"userId\":\"u\",\"event\":\"e\",\"timestamp\":12}",
      "{\"userId\":\"u\",\"event\":\"e\",\"context\":\"web\"}",
      "{\"userId\":\"u\",\"event\":\"e\",\"integrations\":[]}",
      "{\"userId\":true,\"event\":\"e\",\"messageId\":{\"x\":1}}",
      "{\"userId\":\"u\",\"event\":\"e\",\"sentAt\":\"yesterday\"}"
    };
    return variants[random.nextInt(variants.length)];
  }

  private byte[] invalidUtf8() {
    byte[] prefix = utf8("{\"userId\":\"u\",\"event\":\"");
    byte[] suffix = utf8("\"}");
    byte[] body = new byte[prefix.length + 2 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xC3;
    body[prefix.length + 1] = (byte) 0x28;
    System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
    return body;
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[1 + random.nextInt(2048)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
