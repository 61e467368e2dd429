package io.acdest.bootstrap;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar activecampaign-destination.jar sandbox [--port N] [--api-key K] [--rate R] [--tracking-rate T]}:
 * the ActiveCampaign
 * sandbox alone, so several service instances (and drills) can share one account. Its state is at
 * {@code GET /sandbox/state}, fault injection at {@code POST /sandbox/faults}.
 */
final class SandboxCommand {
  private SandboxCommand() {}

  /** The sandbox's settings from the command's options; an unknown or invalid option is an error naming it. */
  static SandboxSettings settings(List<String> options) {
    String key = "sandbox-api-key";
    int rate = 5;
    int trackingRate = 0;
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.equals("--port")) {
        i++;
        continue;
      }
      if (i + 1 >= options.size()) {
        throw new ConfigurationException(option + " needs a value");
      }
      switch (option) {
        case "--api-key" -> key = options.get(++i);
        case "--rate" -> rate = number(option, options.get(++i), 1, 10_000);
        case "--tracking-rate" -> trackingRate = number(option, options.get(++i), 0, 10_000);
        default ->
            throw new ConfigurationException(
                "unknown sandbox option "
                    + option
                    + " (known: --port N, --api-key K, --rate R, --tracking-rate T)");
      }
    }
    return new SandboxSettings(key, "1000", "sandbox-event-key", rate, trackingRate, true, true);
  }

  static int port(List<String> options) {
    int at = options.indexOf("--port");
    if (at < 0) {
      return 8090;
    }
    if (at + 1 >= options.size()) {
      throw new ConfigurationException("--port needs a value");
    }
    return number("--port", options.get(at + 1), 0, 65535);
  }

  private static int number(String option, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          option + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
  }

  /** Runs the sandbox until the process is stopped. */
  static void run(List<String> options) throws InterruptedException {
    SandboxSettings settings = settings(options);
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox sandbox = ActiveCampaignSandbox.start(vertx, settings, port(options));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.stop();
                  vertx.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    Console.out(
        "ActiveCampaign sandbox listening at "
            + sandbox.baseUrl()
            + " ("
            + settings
            + ")\n"
            + "  use it with ACTIVECAMPAIGN_API_URL="
            + sandbox.baseUrl()
            + " ACTIVECAMPAIGN_TRACKING_URL="
            + sandbox.trackingUrl()
            + " ACTIVECAMPAIGN_ACCOUNT_ID="
            + settings.accountId()
            + " ACTIVECAMPAIGN_EVENT_KEY=<the event key>"
            + " ACTIVECAMPAIGN_API_KEY=<the --api-key>\n  state: GET "
            + sandbox.baseUrl()
            + "/sandbox/state");
    stopped.await();
  }
}
