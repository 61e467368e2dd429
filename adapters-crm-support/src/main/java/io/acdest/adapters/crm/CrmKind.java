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
public interface CrmKind {

  /** Its name in the configuration ({@code CRM=...}, a destination's {@code kind}), in lower case. */
  String name();

  /** The prefix of its settings as environment variables: its name in capitals and a {@code _}. */
  default String variablePrefix() {
    return name().toUpperCase(Locale.ROOT) + "_";
  }

  /** The settings it reads, for {@code --help} and the operations guide. */
  List<Setting> settings();

  /** Reads and checks its settings; a bad one throws {@link InvalidSettingException} naming it. */
  Configured configure(SettingsReader settings);

  /** A setting: its key ({@code apiUrl}), its default (or what happens without it) and its meaning. */
  record Setting(String key, String defaultValue, String meaning) {}

  /** A kind's settings, read. Its {@code toString} shows no secret. */
  interface Configured {
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
  record Sandboxed(Module module, CrmSandbox sandbox, List<String> notice) {}
}
