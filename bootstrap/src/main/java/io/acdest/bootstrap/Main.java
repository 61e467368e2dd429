package io.acdest.bootstrap;

import java.util.List;

/** {@code java -jar activecampaign-destination.jar [--help]}: configuration from the environment (§6). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      Console.out(Variable.help());
      return;
    }
    ServiceSettings settings;
    try {
      settings = ServiceSettings.fromEnvironment(System.getenv());
    } catch (RuntimeException invalid) {
      Console.err("configuration error: " + invalid.getMessage() + "\n(run with --help for every variable)");
      System.exit(2);
      return;
    }
    if (settings.jsonLogs()) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    Launcher launcher = new Launcher(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "shutdown"));
    try {
      launcher.start();
    } catch (RuntimeException failed) {
      org.slf4j.LoggerFactory.getLogger(Main.class).error("start-up failed: {}", failed.getMessage(), failed);
      System.exit(1);
    }
  }
}
