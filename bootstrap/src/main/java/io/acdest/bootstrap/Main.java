package io.acdest.bootstrap;

import java.util.List;

/**
 * {@code java -jar activecampaign-destination.jar [--help]}: the service, configured from the environment
 * (docs/behaviour.md §6);
 * {@code … sandbox [--port N] [--api-key K] [--rate R]}: the ActiveCampaign sandbox alone.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // No method interception is used: without Guice's generated classes, JDK 24+ prints no
    // sun.misc.Unsafe warning at start (Guice 7's HiddenClassDefiner); injection is unchanged.
    System.setProperty("guice_bytecode_gen_option", "DISABLED");
    if (args.length > 0 && args[0].equals("sandbox")) {
      try {
        SandboxCommand.run(List.of(args).subList(1, args.length));
      } catch (ConfigurationException invalid) {
        Console.err("sandbox: " + invalid.getMessage());
        System.exit(2);
      }
      return;
    }
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      Console.out(Variable.help());
      return;
    }
    ServiceSettings settings;
    try {
      settings = ServiceSettings.fromEnvironment(System.getenv());
    } catch (RuntimeException invalid) {
      Console.err(
          "configuration error: "
              + invalid.getMessage()
              + "\n(run with --help for every variable)");
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
    } catch (DataDirectoryLock.DataDirectoryInUse inUse) {
      org.slf4j.LoggerFactory.getLogger(Main.class)
          .error("start-up refused: {}", inUse.getMessage());
      System.exit(3);
    } catch (RuntimeException failed) {
      org.slf4j.LoggerFactory.getLogger(Main.class)
          .error("start-up failed: {}", failed.getMessage(), failed);
      System.exit(1);
    }
  }
}
