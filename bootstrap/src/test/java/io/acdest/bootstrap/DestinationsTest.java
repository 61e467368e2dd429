package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.http.WriteKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destinations file: the example in docs/ loads, and a bad file names every problem without a secret. */
class DestinationsTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "destinations.json");

  @TempDir Path dir;

  private Path exampleWithKeyFile() throws IOException {
    Path key = dir.resolve("backend-write-key");
    Files.writeString(key, "backend-secret-key-8f1\n");
    Path file = dir.resolve("destinations.json");
    Files.writeString(
        file, Files.readString(EXAMPLE).replace("/run/secrets/backend-write-key", key.toString()));
    return file;
  }

  private static final Map<String, String> ENV =
      Map.of(
          "WEB_WRITE_KEY", "web-secret-key-2c7",
          "AC_SHOP_KEY", "ac-secret-key-91b",
          "AC_SHOP_EVENT_KEY", "ac-event-secret-3d0",
          "MC_KEY", "0123456789abcdef0123456789abcdef-us21");

  @Test
  void theExampleInTheDocsLoadsWithItsSecretsFromTheEnvironmentAndAFile() throws IOException {
    Destinations read = Destinations.read(exampleWithKeyFile(), ENV, CrmKinds.ALL);

    assertThat(read.sources())
        .extracting(Destinations.Source::id, Destinations.Source::holder)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", WriteKeys.Holder.BROWSER),
            org.assertj.core.groups.Tuple.tuple("backend", WriteKeys.Holder.SERVER));
    assertThat(read.sources().get(0).writeKey()).isEqualTo("web-secret-key-2c7");
    assertThat(read.sources().get(1).writeKey()).isEqualTo("backend-secret-key-8f1");
    assertThat(read.destinations())
        .extracting(
            Destinations.Destination::id, d -> d.kind().name(), Destinations.Destination::enabled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ac-shop", "activecampaign", true),
            org.assertj.core.groups.Tuple.tuple("mc-news", "mailchimp", false));
    assertThat(read.enabled()).extracting(Destinations.Destination::id).containsExactly("ac-shop");
    assertThat(read.destinations().get(0).configured().account()).isPresent();
    assertThat(read.destinations().get(0).configured().toString())
        .contains("https://shop.api-us1.com")
        .doesNotContain("ac-secret-key-91b", "ac-event-secret-3d0");
    assertThat(read.toString())
        .doesNotContain("web-secret-key-2c7", "backend-secret-key-8f1", "ac-secret-key-91b");
  }

  @Test
  void theServiceTakesItsSourcesAndItsDestinationFromTheFile() throws IOException {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put("DESTINATIONS_FILE", exampleWithKeyFile().toString());
    ServiceSettings settings = ServiceSettings.fromEnvironment(env);
    assertThat(settings.crm().kind().name()).isEqualTo("activecampaign");
    assertThat(settings.crm().toString()).contains("https://shop.api-us1.com");
    assertThat(settings.destinations().orElseThrow().sources()).hasSize(2);
    assertThat(settings.toString()).doesNotContain("secret");

    env.put("WRITE_KEYS", "another-key");
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("WRITE_KEYS is not read when DESTINATIONS_FILE is set");
  }

  @Test
  void everyProblemOfABadFileIsNamedByEntryFieldAndRuleAndNoSecretShows() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        """
        {"sources": [
           {"id": "web", "writeKey": "inline-secret-key-55"},
           {"id": "app", "writeKey": {"env": "UNSET_VARIABLE"}},
           {"id": "Bad Id", "writeKey": {"env": "WEB_WRITE_KEY"}}],
         "destinations": [
           {"id": "ac-shop", "kind": "activecampaign", "sources": ["web", "shop"],
            "settings": {"apiUrl": "https://shop.api-us1.com", "apiKey": "ac-inline-secret-77",
                         "accountId": "1", "apiUlr": "typo"}},
           {"id": "hub", "kind": "hubspot", "sources": ["web"]},
           {"id": "mc-news", "kind": "mailchimp", "sources": ["web"], "enabled": "yes",
            "settings": {"apiKey": {"env": "MC_KEY"}, "audienceId": "57afe96172",
                         "connections": 50}}],
         "extra": 1}
        """);

    assertThatThrownBy(() -> Destinations.read(file, ENV, CrmKinds.ALL))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DESTINATIONS_FILE " + file + " has")
        .hasMessageContaining("the file.extra is not a field here")
        .hasMessageContaining(
            "sources[web].writeKey must be a reference, {\"env\": NAME} or {\"file\": PATH}")
        .hasMessageContaining(
            "sources[app].writeKey refers to the environment variable 'UNSET_VARIABLE', which is not set")
        .hasMessageContaining("sources[2].id must be 1 to 63 characters")
        .hasMessageContaining(
            "destinations[ac-shop].sources names 'shop', which is not a source (sources: web, app)")
        .hasMessageNotContaining("names 'web'")
        .hasMessageContaining(
            "destinations[ac-shop].settings.apiUlr is not a field here (activecampaign's settings:")
        .hasMessageContaining(
            "destinations[ac-shop].settings.apiKey must be a reference, {\"env\": NAME} or {\"file\": PATH}")
        .hasMessageContaining(
            "destinations[hub].kind must be one of activecampaign, mailchimp, got 'hubspot'")
        .hasMessageContaining("destinations[mc-news].enabled must be true or false")
        .hasMessageContaining(
            "destinations[mc-news].settings.connections must be a whole number from 1 to 10, got '50'")
        .message()
        .doesNotContain(
            "inline-secret-key-55",
            "ac-inline-secret-77",
            "0123456789abcdef",
            "web-secret-key-2c7");
  }

  @Test
  void severalDestinationsDeliverAndAtLeastOneMustBeEnabled() throws IOException {
    Path file = dir.resolve("two.json");
    Files.writeString(
        file,
        """
        {"sources": [{"id": "web", "writeKey": {"env": "WEB_WRITE_KEY"}},
                     {"id": "app", "writeKey": {"env": "AC_SHOP_KEY"}}],
         "destinations": [
           {"id": "ac-1", "kind": "activecampaign", "sources": ["web"]},
           {"id": "mc-1", "kind": "mailchimp", "sources": ["web", "app"]}]}
        """);
    assertThat(Destinations.read(file, ENV, CrmKinds.ALL).enabled())
        .extracting(Destinations.Destination::id)
        .containsExactly("ac-1", "mc-1");

    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"sources\": [\"web\"]}", "\"sources\": [\"web\"], \"enabled\": false}")
            .replace(
                "\"sources\": [\"web\", \"app\"]}", "\"sources\": [\"web\"], \"enabled\": false}"));
    assertThatThrownBy(() -> Destinations.read(file, ENV, CrmKinds.ALL))
        .hasMessageContaining("at least one destination must be enabled");
  }

  @Test
  void aFileThatIsNotJsonNamesWhere() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"sources\": [\n  {\"id\": \"web\",,}]}");
    assertThatThrownBy(() -> Destinations.read(file, ENV, CrmKinds.ALL))
        .hasMessage("DESTINATIONS_FILE " + file + " is not JSON: line 2, column 16");
    assertThatThrownBy(() -> Destinations.read(dir.resolve("missing.json"), ENV, CrmKinds.ALL))
        .hasMessage("DESTINATIONS_FILE " + dir.resolve("missing.json") + " cannot be read");
  }
}
