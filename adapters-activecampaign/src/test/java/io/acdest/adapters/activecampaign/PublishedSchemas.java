package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request-body schemas ActiveCampaign publishes for the operations the client sends (a copy of the relevant
 * parts of its OpenAPI descriptions, in test resources), and a check of required properties and types.
 */
final class PublishedSchemas {
  private final JsonNode operations;

  PublishedSchemas() {
    try (InputStream in =
        getClass().getResourceAsStream("/activecampaign/published-request-schemas.json")) {
      operations = new ObjectMapper().readTree(in).path("operations");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema of an operation named as the sandbox names its routes ({@code PUT /api/3/contacts/:id}). */
  Optional<JsonNode> schemaOf(String sandboxEndpoint) {
    String operation = sandboxEndpoint.replace(":id", "{id}");
    return operations.has(operation) ? Optional.of(operations.get(operation)) : Optional.empty();
  }

  /** What in {@code body} breaks {@code schema}: missing required properties, declared properties of another type. */
  static List<String> violations(JsonNode schema, JsonNode body, String path) {
    List<String> problems = new ArrayList<>();
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !hasType(body, type)) {
      problems.add(path + " should be " + type + " but is " + body.getNodeType());
      return problems;
    }
    for (JsonNode required : schema.path("required")) {
      if (!body.has(required.asText())) {
        problems.add(path + "." + required.asText() + " is required");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      if (body.has(property.getKey())) {
        problems.addAll(
            violations(
                property.getValue(), body.get(property.getKey()), path + "." + property.getKey()));
      }
    }
    return problems;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      default -> true;
    };
  }
}
