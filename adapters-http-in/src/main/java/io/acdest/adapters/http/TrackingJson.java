package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing of untrusted request bodies into plain JSON trees, bounded so that no body can exhaust the server:
 * nesting depth, string, name and number lengths, and document size are capped.
 */
public final class TrackingJson {
  /** Deeper than any real event; deep enough for nested traits. */
  public static final int MAX_DEPTH = 64;

  /** The tracking API's request limit (500 KB) bounds every string too. */
  public static final int MAX_DOCUMENT_BYTES = 500 * 1024;

  private final ObjectMapper mapper;

  private TrackingJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public static TrackingJson create() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .maxStringLength(MAX_DOCUMENT_BYTES)
                    .maxNameLength(1024)
                    .maxNumberLength(100)
                    .build())
            .build();
    ObjectMapper mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    return new TrackingJson(mapper);
  }

  /** Parses a body that must be one JSON object; anything else is rejected with a reason a client can act on. */
  public Map<String, Object> parseObject(byte[] body) {
    Object tree;
    try {
      tree = mapper.readValue(body, Object.class);
    } catch (StreamConstraintsException tooBig) {
      throw new PayloadRejected(
          "invalid_json", "body exceeds a parsing limit: " + tooBig.getOriginalMessage());
    } catch (JsonProcessingException malformed) {
      throw new PayloadRejected(
          "invalid_json", "body is not valid JSON: " + malformed.getOriginalMessage());
    } catch (IOException unreadable) {
      throw new PayloadRejected("invalid_json", "body could not be read as JSON");
    }
    if (!(tree instanceof Map<?, ?> object)) {
      throw new PayloadRejected("invalid_json", "body must be a JSON object");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    object.forEach((k, v) -> result.put(String.valueOf(k), v));
    return result;
  }
}
