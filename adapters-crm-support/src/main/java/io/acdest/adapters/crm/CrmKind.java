package io.acdest.adapters.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Module;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CRM the service can deliver to, as its adapter module offers itself: its name in the configuration, the
 * settings it reads, and, once they are read, the Guice module that binds the core's CRM ports to it, over the
 * account the settings name or over its built-in sandbox. The composition root registers each kind in one line and
 * knows nothing else of it (docs/adding-a-crm-adapter.md).
 */
public abstract class CrmKind {
  private final String name;
  private final List<Setting> settings;

  /**
   * @param name its name in the configuration ({@code CRM=...}, a destination's {@code kind}), in lower case
   * @param settings the settings it reads, for {@code --help} and the operations guide
   */
  protected CrmKind(String name, List<Setting> settings) {
    this.name = name;
    this.settings = List.copyOf(settings);
  }

  /** Its name in the configuration, in lower case. */
  public final String name() {
    return name;
  }

  /** The settings it reads. */
  public final List<Setting> settings() {
    return settings;
  }

  /** The prefix of its settings as environment variables: its name in capitals and a {@code _}. */
  public final String variablePrefix() {
    return name.toUpperCase(Locale.ROOT) + "_";
  }

  /** Reads and checks its settings; a bad one throws {@link InvalidSettingException} naming it. */
  public abstract Configured configure(SettingsReader settings);

  /** A setting: its key ({@code apiUrl}), its default (or what happens without it) and its meaning. */
  public record Setting(String key, String defaultValue, String meaning) {}

  /** A kind's settings, read. Its {@code toString} shows no secret. */
  public interface Configured {
    /** The module over the account the settings name; empty when they name none. */
    Optional<Module> account();

    /**
     * Starts the built-in sandbox (on the loopback interface) holding what a previous run {@code kept} (its {@link
     * CrmSandbox#snapshot}), and answers the module over it. The account's name comes from what it holds, so the
     * service's memory of a kept sandbox is found again after a restart.
     */
    Sandboxed sandbox(Optional<JsonNode> kept);
  }

  /**
   * A module over a built-in sandbox; the sandbox, which its opener stops; and the lines the service prints, framed,
   * so that no one mistakes it for a real account: which setting is missing, where the sandbox is, how to see it.
   */
  public record Sandboxed(Module module, CrmSandbox sandbox, List<String> notice) {}
}
