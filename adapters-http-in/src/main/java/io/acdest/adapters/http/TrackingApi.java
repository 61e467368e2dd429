package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.in.IngestReport;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Segment HTTP Tracking API (docs/behaviour.md §2): {@code
 * /v1/identify|track|page|screen|group|alias|batch|import}, and Segment's Webhooks destination at {@code
 * /webhooks/segment}. A request is answered 200 only after its calls are committed;
 * a request that can never be accepted gets 400 with {@code {code, message}}; when the store is unavailable, 503
 * with Retry-After.
 */
public final class TrackingApi {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingApi.class);

  /** Largest request body (docs/behaviour.md §2). */
  public static final int MAX_REQUEST_BYTES = 500 * 1024;

  /** Largest single event (docs/behaviour.md §2). */
  public static final int MAX_EVENT_BYTES = 32 * 1024;

  /** Seconds a client is asked to wait when the store is unavailable. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** Seconds a client is asked to wait when the service holds as many requests as it may. */
  public static final int BUSY_RETRY_AFTER_SECONDS = 2;

  /** The name of the intake's threads (parsing and storing requests), shared by every API that takes calls. */
  public static final String INTAKE_WORKERS = "acdest-intake";

  private static final List<String> SINGLE_TYPES =
      List.of("identify", "track", "page", "screen", "group", "alias");

  /**
   * Headers a browser may send cross-origin: what Segment's browser library sets (Content-Type, Authorization with
   * the write key, X-Retry-Count on a retry), nothing else.
   */
  static final Set<String> BROWSER_HEADERS =
      Set.of("Content-Type", "Authorization", "X-Retry-Count", "Content-Encoding");

  /** How long a browser may cache a preflight's answer. */
  static final int PREFLIGHT_MAX_AGE_SECONDS = 86_400;

  private final IngestCallsUseCase ingest;
  private final WriteKeys writeKeys;
  private final TrackingJson json;
  private final Clock clock;
  private final Optional<String> webhookSecret;
  private final ObjectMapper writer = new ObjectMapper();
  private final List<String> allowedOrigins;
  private final IntakeBudget budget;
  private final WorkerExecutor workers;

  public TrackingApi(
      Vertx vertx,
      IngestCallsUseCase ingest,
      WriteKeys writeKeys,
      TrackingJson json,
      Clock clock,
      Optional<String> webhookSecret) {
    this(vertx, ingest, writeKeys, json, clock, webhookSecret, List.of());
  }

  public TrackingApi(
      Vertx vertx,
      IngestCallsUseCase ingest,
      WriteKeys writeKeys,
      TrackingJson json,
      Clock clock,
      Optional<String> webhookSecret,
      List<String> allowedOrigins) {
    this(
        vertx,
        ingest,
        writeKeys,
        json,
        clock,
        webhookSecret,
        allowedOrigins,
        HttpLimits.defaults().intakeBytes(),
        vertx.createSharedWorkerExecutor(INTAKE_WORKERS, 16));
  }

  /**
   * @param allowedOrigins the origins browsers may send from ({@code https://shop.example}); empty for any origin
   * @param intakeBytes how many bytes of requests may be read, parsed and stored at once ({@link IntakeBudget})
   * @param workers the threads that parse and store requests: their own, so that health checks and operators never
   *     queue behind a flood of calls
   */
  public TrackingApi(
      Vertx vertx,
      IngestCallsUseCase ingest,
      WriteKeys writeKeys,
      TrackingJson json,
      Clock clock,
      Optional<String> webhookSecret,
      List<String> allowedOrigins,
      long intakeBytes,
      WorkerExecutor workers) {
    this.allowedOrigins = List.copyOf(allowedOrigins);
    this.budget = new IntakeBudget(intakeBytes);
    this.workers = workers;
    this.ingest = ingest;
    this.writeKeys = writeKeys;
    this.json = json;
    this.clock = clock;
    this.webhookSecret = webhookSecret.filter(s -> !s.isBlank());
  }

  /**
   * Mounts the API's routes on {@code router}: the Segment paths, and the short ones Segment's browser library posts
   * to ({@code /v1/t}, {@code /v1/p}, {@code /v1/i}, … the type's first letter, and {@code /v1/b} for a batch); CORS
   * for browsers on every {@code /v1} path.
   */
  public void mount(Router router) {
    router.route("/v1/*").handler(cors());
    // before any body is read: its bytes from the intake budget (a route of its own, ahead of the
    // body handlers)
    router.post("/v1/*").handler(this::takeBudget);
    router.post("/webhooks/segment").handler(this::takeBudget);
    BodyHandler body =
        BodyHandler.create().setBodyLimit(MAX_REQUEST_BYTES).setHandleFileUploads(false);
    for (String type : SINGLE_TYPES) {
      router.post("/v1/" + type).handler(body).handler(ctx -> accept(ctx, type));
      router.post("/v1/" + type.charAt(0)).handler(body).handler(ctx -> accept(ctx, type));
    }
    for (String path : List.of("/v1/batch", "/v1/import", "/v1/import/", "/v1/b")) {
      router.post(path).handler(body).handler(ctx -> accept(ctx, "batch"));
    }
    router.post("/webhooks/segment").handler(body).handler(this::webhook);
    router.route("/v1/*").failureHandler(this::failure);
    router.route("/webhooks/*").failureHandler(this::failure);
  }

  /**
   * CORS for browsers (decision 0017): any origin, unless {@code CORS_ALLOWED_ORIGINS} names them; a preflight is
   * answered 204 without a write key (the write key still authenticates the call itself); no credentials (cookies)
   * are allowed, and nothing is exposed beyond what a browser reads by default.
   */
  private CorsHandler cors() {
    CorsHandler cors =
        CorsHandler.create()
            .allowedMethods(
                Set.of(io.vertx.core.http.HttpMethod.POST, io.vertx.core.http.HttpMethod.OPTIONS))
            .allowedHeaders(BROWSER_HEADERS)
            .allowCredentials(false)
            .maxAgeSeconds(PREFLIGHT_MAX_AGE_SECONDS);
    if (!allowedOrigins.isEmpty()) {
      cors.addOrigins(allowedOrigins);
    }
    return cors;
  }

  private void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 403) {
      // the CORS handler refused the request's Origin (CORS_ALLOWED_ORIGINS)
      error(
          ctx,
          403,
          "origin_not_allowed",
          "this service does not take calls from pages of "
              + Optional.ofNullable(ctx.request().getHeader("Origin")).orElse("that origin"));
    } else if (ctx.statusCode() == 413) {
      error(
          ctx,
          400,
          "request_too_large",
          "the request body is larger than " + MAX_REQUEST_BYTES / 1024 + " KB");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, 400, "invalid_request", "the request could not be read");
    } else {
      error(ctx, 500, "internal_error", "the request failed inside the service");
    }
  }

  /**
   * Takes the request's bytes from the intake budget before its body is read (its declared length, or the largest a
   * request may be); answers 503 with Retry-After at once when they do not fit. They are given back when the request
   * is answered, or its connection closes.
   */
  private void takeBudget(RoutingContext ctx) {
    long declared;
    try {
      declared =
          Optional.ofNullable(ctx.request().getHeader("Content-Length"))
              .map(Long::parseLong)
              .filter(length -> length >= 0 && length <= MAX_REQUEST_BYTES)
              .orElse((long) MAX_REQUEST_BYTES);
    } catch (NumberFormatException unreadable) {
      declared = MAX_REQUEST_BYTES;
    }
    long bytes = declared;
    if (!budget.take(bytes)) {
      ctx.response()
          .putHeader("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS))
          .putHeader("Connection", "close");
      error(ctx, 503, "busy", "the service is reading as many calls as it can hold; retry later");
      return;
    }
    java.util.concurrent.atomic.AtomicBoolean given =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable giveBack =
        () -> {
          if (given.compareAndSet(false, true)) {
            budget.giveBack(bytes);
          }
        };
    ctx.addEndHandler(ended -> giveBack.run());
    ctx.request().connection().closeHandler(closed -> giveBack.run());
    ctx.next();
  }

  /** Reads, checks and stores a request's calls on the intake's own threads; answers once they are committed. */
  private void accept(RoutingContext ctx, String endpoint) {
    Instant receivedAt = clock.instant();
    if (!jsonContentType(ctx)) {
      error(
          ctx,
          400,
          "unsupported_content_type",
          "Content-Type must be application/json, or text/plain holding JSON (what browsers send)");
      return;
    }
    Optional<WriteKeys.Source> fromHeader = basicUser(ctx).flatMap(writeKeys::source);
    boolean fromBrowser = fromBrowser(ctx);
    // decompressing and parsing up to 500 KB is work for the intake's threads, not the event loop
    workers
        .executeBlocking(
            () -> read(body(ctx), endpoint, fromHeader, fromBrowser, receivedAt), false)
        .onComplete(read -> submitOrRefuse(ctx, read));
  }

  /** Stores what was read, or answers why it cannot be: 401 without a valid key, 400 for a bad request. */
  private void submitOrRefuse(RoutingContext ctx, AsyncResult<List<ReceivedCall>> read) {
    if (read.succeeded()) {
      submit(ctx, read.result());
    } else if (read.cause() instanceof PayloadRejected rejected) {
      error(
          ctx,
          rejected.code().equals("unauthorized") ? 401 : 400,
          rejected.code(),
          rejected.getMessage());
    } else {
      error(ctx, 500, "internal_error", "the request failed inside the service");
    }
  }

  /** The request's calls: parsed, authenticated (by header, else by {@code writeKey} in the body) and checked. */
  private List<ReceivedCall> read(
      byte[] raw,
      String endpoint,
      Optional<WriteKeys.Source> fromHeader,
      boolean fromBrowser,
      Instant receivedAt) {
    Map<String, Object> parsed = json.parseObject(raw);
    Optional<WriteKeys.Source> source =
        fromHeader.or(
            () ->
                parsed.get("writeKey") instanceof String key
                    ? writeKeys.source(key)
                    : Optional.empty());
    if (source.isEmpty()) {
      throw new PayloadRejected(
          "unauthorized",
          "a valid write key is required (HTTP Basic user name, or writeKey in the body)");
    }
    Map<String, Object> withoutKey = new LinkedHashMap<>(parsed);
    withoutKey.remove("writeKey");
    BatchPayload payload =
        endpoint.equals("batch")
            ? BatchPayload.fromBatchBody(withoutKey)
            : BatchPayload.fromSingleEvent(endpoint, withoutKey);
    checkEventSizes(payload);
    return payload.toCalls(source.get().id(), receivedAt, source.get().limits(fromBrowser));
  }

  /**
   * Whether a browser sent the request: it names the page's {@code Origin} (every cross-origin request, and a
   * beacon), or its body is {@code text/plain} (what Segment's browser library posts, so as to need no preflight).
   */
  private static boolean fromBrowser(RoutingContext ctx) {
    String type =
        Optional.ofNullable(ctx.request().getHeader("Content-Type"))
            .orElse("")
            .toLowerCase(Locale.ROOT);
    return ctx.request().getHeader("Origin") != null || type.startsWith("text/plain");
  }

  /**
   * Segment's Webhooks destination: one event a request, authenticated by its signature (or a write key). Reading,
   * checking the signature and parsing are work for the intake's threads, not the event loop, as for {@link
   * #accept}.
   */
  private void webhook(RoutingContext ctx) {
    Instant receivedAt = clock.instant();
    String signature = Optional.ofNullable(ctx.request().getHeader("X-Signature")).orElse("");
    Optional<String> user = basicUser(ctx);
    workers
        .executeBlocking(() -> readWebhook(body(ctx), signature, user, receivedAt), false)
        .onComplete(read -> submitOrRefuse(ctx, read));
  }

  /** The webhook's one call: authenticated, parsed and checked. */
  private List<ReceivedCall> readWebhook(
      byte[] raw, String signature, Optional<String> user, Instant receivedAt) {
    Optional<SourceId> source;
    if (webhookSecret.isPresent()) {
      boolean valid =
          MessageDigest.isEqual(
              hmacSha1(webhookSecret.get(), raw).getBytes(StandardCharsets.UTF_8),
              signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      source = valid ? Optional.of(new SourceId("webhook")) : Optional.empty();
    } else {
      source = user.flatMap(writeKeys::authenticate);
    }
    if (source.isEmpty()) {
      throw new PayloadRejected(
          "unauthorized",
          webhookSecret.isPresent()
              ? "X-Signature must be the hex HMAC-SHA1 of the body with the shared secret"
              : "a valid write key is required (HTTP Basic user name)");
    }
    Map<String, Object> event = json.parseObject(raw);
    String type = event.get("type") instanceof String t ? t : "";
    Map<String, Object> withType = new LinkedHashMap<>(event);
    BatchPayload payload =
        SINGLE_TYPES.contains(type)
            ? BatchPayload.fromSingleEvent(type, withType)
            : BatchPayload.fromBatchBody(Map.of("batch", List.of(withType)));
    checkEventSizes(payload);
    return payload.toCalls(source.get(), receivedAt);
  }

  private void checkEventSizes(BatchPayload payload) {
    for (int i = 0; i < payload.events().size(); i++) {
      int size;
      try {
        size = writer.writeValueAsBytes(payload.events().get(i)).length;
      } catch (JsonProcessingException e) {
        throw new PayloadRejected("invalid_json", "event " + i + " could not be read");
      }
      if (size > MAX_EVENT_BYTES) {
        throw new PayloadRejected(
            "event_too_large",
            "event "
                + i
                + " is "
                + size / 1024
                + " KB; at most "
                + MAX_EVENT_BYTES / 1024
                + " KB are allowed");
      }
    }
  }

  /** Records the calls off the event loop; answers only once they are committed. */
  private void submit(RoutingContext ctx, List<ReceivedCall> calls) {
    boolean strict = "1".equals(ctx.request().getHeader("X-Strict-Mode"));
    workers
        .executeBlocking(() -> ingest.ingest(new IngestCommand(calls, strict)), false)
        .onComplete(
            done -> {
              if (done.failed()) {
                // the store is unavailable (an event it cannot hold is rejected on its own, never
                // lands here): say which
                // request it cost, so the operator can tell an outage from a defect
                Throwable cause = done.cause();
                LOG.error(
                    "{} {}: could not store {} call(s) from source {} (first messageId {}): {}: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    calls.size(),
                    calls.isEmpty() ? "-" : calls.get(0).source().value(),
                    firstMessageId(calls),
                    cause.getClass().getSimpleName(),
                    cause.getMessage(),
                    cause);
                ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                error(
                    ctx,
                    503,
                    "unavailable",
                    "the service cannot store calls right now; retry later");
                return;
              }
              IngestReport report = done.result();
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("success", report.stored() && !(strict && !report.rejected().isEmpty()));
              if (!report.stored()) {
                body.put("code", "rejected");
                body.put(
                    "message",
                    "strict mode: a call was rejected, so nothing of this request was stored");
              }
              body.put("accepted", report.stored() ? report.accepted() : 0);
              body.put("duplicates", report.duplicates());
              List<Map<String, Object>> rejected = new ArrayList<>();
              for (int i = 0; i < report.results().size(); i++) {
                if (report.results().get(i) instanceof AcceptResult.Rejected r) {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("index", i);
                  entry.put("messageId", r.messageId().value());
                  entry.put("code", r.rejection().code());
                  entry.put("message", r.rejection().message());
                  rejected.add(entry);
                }
              }
              body.put("rejected", rejected);
              reply(ctx, report.stored() ? 200 : 400, body);
            });
  }

  private static String firstMessageId(List<ReceivedCall> calls) {
    return calls.isEmpty() ? "-" : String.valueOf(calls.get(0).event().raw("messageId"));
  }

  /**
   * JSON, or {@code text/plain}: Segment's browser library sends its JSON as text/plain (a type browsers may send
   * cross-origin), with the write key inside the body.
   */
  private static boolean jsonContentType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) {
      return true;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return lower.contains("json") || lower.startsWith("text/plain");
  }

  /**
   * The request body, gunzipped when it says {@code Content-Encoding: gzip}. Decompression is ours, not the
   * server's, so that a body that is not gzip gets a 400 instead of a dropped connection, and it stops at the
   * request limit, so a gzip bomb costs no more than 500 KB.
   */
  private static byte[] body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
    String encoding =
        Optional.ofNullable(ctx.request().getHeader("Content-Encoding")).orElse("identity");
    if (!encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      return raw;
    }
    try (java.util.zip.GZIPInputStream gzip =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      byte[] inflated = gzip.readNBytes(MAX_REQUEST_BYTES + 1);
      if (inflated.length > MAX_REQUEST_BYTES) {
        throw new PayloadRejected(
            "request_too_large",
            "the request body is larger than "
                + MAX_REQUEST_BYTES / 1024
                + " KB once decompressed");
      }
      return inflated;
    } catch (java.io.IOException notGzip) {
      throw new PayloadRejected(
          "invalid_gzip", "Content-Encoding is gzip but the body is not valid gzip");
    }
  }

  /** The user name of HTTP Basic credentials (the write key; the password is empty). */
  private static Optional<String> basicUser(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  static String hmacSha1(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
    }
  }

  private void error(RoutingContext ctx, int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("code", code);
    body.put("message", message);
    reply(ctx, status, body);
  }

  private void reply(RoutingContext ctx, int status, Map<String, Object> body) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(writer.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
