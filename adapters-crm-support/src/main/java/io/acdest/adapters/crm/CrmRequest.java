package io.acdest.adapters.crm;

import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * A request to a CRM as its adapter describes it: the endpoint's name (what attempts and logs call it, e.g. {@code
 * contact.sync}), the method, the path under the API's base, query parameters, and a body written as JSON ({@code
 * null}: none). The transport adds the host, the credentials and the headers.
 */
public record CrmRequest(
    String endpoint, HttpMethod method, String path, Map<String, String> query, Object body) {
  public CrmRequest {
    query = Map.copyOf(query);
  }

  /** A request without query parameters. */
  public CrmRequest(String endpoint, HttpMethod method, String path, Object body) {
    this(endpoint, method, path, Map.of(), body);
  }
}
