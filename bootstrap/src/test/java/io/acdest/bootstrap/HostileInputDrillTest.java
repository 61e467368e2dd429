package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.persistence.TestDatabase;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drill D5, hostile input: generated and mutated requests against the running service. Zero 5xx, every 4xx with a
 * code and a message, the service still up, memory bounded, and the valid events sent in between all delivered.
 * Fast in CI; full size with {@code mvn -B -pl bootstrap -am verify -Dtest=HostileInputDrillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddrill.requests=20000}.
 */
class HostileInputDrillTest {
  private static final int REQUESTS = Integer.getInteger("drill.requests", 1_200);

  @Test
  void hostileInputNeverBreaksTheServiceAndValidEventsStillArrive() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox account =
        RunningService.fastAccount(vertx);
    try (RunningService service =
        new RunningService(
            TestDatabase.newDatabaseSettings(10), RunningService.deliveringTo(account, 100))) {
      HostilePayloads payloads = new HostilePayloads(20261128L, RunningService.WRITE_KEY);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      Map<String, AtomicInteger> byStatus = new LinkedHashMap<>();
      List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
      Set<String> validSent = java.util.concurrent.ConcurrentHashMap.newKeySet();
      AtomicInteger poisonRejected = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        HostilePayloads.Attack attack = payloads.next(i);
        sent.add(
            clients.submit(
                () -> {
                  HttpRequest.Builder request =
                      HttpRequest.newBuilder(URI.create(service.url() + attack.path()))
                          .timeout(Duration.ofSeconds(30))
                          .POST(HttpRequest.BodyPublishers.ofByteArray(attack.body()));
                  attack.headers().forEach(h -> request.header(h[0], h[1]));
                  HttpResponse<String> response;
                  try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                  } catch (java.io.IOException transport) {
                    problems.add(attack.kind() + ": no answer: " + transport.getMessage());
                    return null;
                  }
                  int status = response.statusCode();
                  synchronized (byStatus) {
                    byStatus
                        .computeIfAbsent(attack.kind() + " " + status, k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                  if (status >= 500) {
                    problems.add(attack.kind() + ": " + status + " " + response.body());
                  } else if (status >= 400) {
                    JsonNode body = service.read(response.body());
                    if (body.path("code").asText().isEmpty()
                        || body.path("message").asText().isEmpty()) {
                      problems.add(
                          attack.kind()
                              + ": "
                              + status
                              + " without code and message: "
                              + response.body());
                    }
                  }
                  if (attack.rejectedField() != null) {
                    JsonNode body = service.read(response.body());
                    JsonNode rejected = body.path("rejected");
                    if (status != 200
                        || body.path("accepted").asInt() != attack.deliver().size()
                        || rejected.size() != 1
                        || !rejected.path(0).path("code").asText().equals("out_of_range")
                        || !rejected
                            .path(0)
                            .path("message")
                            .asText()
                            .startsWith(attack.rejectedField() + " ")) {
                      problems.add(
                          attack.kind()
                              + ": expected 200 with "
                              + attack.rejectedField()
                              + " rejected, got "
                              + status
                              + " "
                              + response.body());
                    } else {
                      validSent.addAll(attack.deliver());
                      poisonRejected.incrementAndGet();
                    }
                  }
                  if (attack.valid()) {
                    if (status != 200) {
                      problems.add("a valid event was refused: " + status + " " + response.body());
                    } else {
                      validSent.add("Drill " + attack.messageId());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> request : sent) {
        request.get(120, TimeUnit.SECONDS);
      }
      clients.shutdown();

      assertThat(
              service
                  .send(HttpRequest.newBuilder(URI.create(service.url() + "/health/live")).build())
                  .statusCode())
          .as("the service is still up")
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(120 + validSent.size() / 50))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> new HashSet<>(RunningService.trackedEvents(account)).containsAll(validSent));
      System.gc();
      long heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
      System.out.printf(
          "D5 hostile input: %d requests, %d valid all delivered (%d of them batched with a poison event,"
              + " each rejected alone), %d problems, heap after GC %d MiB; answers %s%n",
          REQUESTS, validSent.size(), poisonRejected.get() * 2, problems.size(), heapMiB, byStatus);
      assertThat(problems).isEmpty();
      assertThat(poisonRejected.get())
          .as("batches with a poison event answered 200, the poison rejected alone")
          .isEqualTo(REQUESTS / 20);
      assertThat(validSent).hasSize(REQUESTS / 20 * 3);
      assertThat(heapMiB).as("memory bounded").isLessThan(1_024);
    } finally {
      account.stop();
      vertx.close();
    }
  }
}
