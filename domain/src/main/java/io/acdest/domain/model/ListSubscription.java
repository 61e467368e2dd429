package io.acdest.domain.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A contact's wanted status on one list, from the {@code lists} trait. */
public record ListSubscription(ListId list, Status status) {

  /** The two statuses the {@code lists} trait may ask for. */
  public enum Status {
    SUBSCRIBED("active"),
    UNSUBSCRIBED("unsubscribed");

    private final String traitValue;

    Status(String traitValue) {
      this.traitValue = traitValue;
    }

    /** {@code active} is subscribed, {@code unsubscribed} is unsubscribed (trimmed, any case). */
    public static Status from(String traitValue) {
      String wanted = traitValue == null ? "" : traitValue.strip().toLowerCase(Locale.ROOT);
      for (Status status : values()) {
        if (status.traitValue.equals(wanted)) {
          return status;
        }
      }
      throw new InvalidField("status", "must be 'active' or 'unsubscribed'");
    }

    /** The value a caller writes in the trait. */
    public String traitValue() {
      return traitValue;
    }
  }

  public ListSubscription {
    if (list == null || status == null) {
      throw new IllegalArgumentException("list and status are required");
    }
  }

  /**
   * The {@code lists} rule of docs/behaviour.md §3: an array of {@code {id, status}} objects, or one such object; the
   * id is a whole number or a string (which ids the CRM can hold, its adapter's {@link ListIdFormat} says). A malformed
   * entry is an
   * error naming its index and field ({@code traits.lists[1].status}); nothing of a malformed trait is returned. When
   * one list appears twice, the last entry wins, as it would if the entries were applied in order.
   */
  public static List<ListSubscription> parseAll(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    List<?> entries;
    if (value instanceof List<?> list) {
      entries = list;
    } else if (value instanceof Map<?, ?>) {
      entries = List.of(value);
    } else {
      throw new InvalidField(path, "must be an array of {id, status} objects");
    }
    Map<ListId, ListSubscription> byList = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      ListSubscription subscription = parseEntry(entries.get(i), path + "[" + i + "]");
      byList.remove(subscription.list());
      byList.put(subscription.list(), subscription);
    }
    return List.copyOf(new ArrayList<>(byList.values()));
  }

  private static ListSubscription parseEntry(Object entry, String path) {
    if (!(entry instanceof Map<?, ?> fields)) {
      throw new InvalidField(path, "must be an object with id and status");
    }
    ListId id = parseId(fields.get("id"), path + ".id");
    Object status = fields.get("status");
    if (!(status instanceof String text)) {
      throw new InvalidField(path + ".status", "must be 'active' or 'unsubscribed'");
    }
    try {
      return new ListSubscription(id, Status.from(text));
    } catch (InvalidField e) {
      throw new InvalidField(path + ".status", e.rule());
    }
  }

  private static ListId parseId(Object raw, String path) {
    String rule = "must be a list id (a string, or a whole number)";
    try {
      if (raw instanceof String text) {
        return new ListId(text);
      }
      if (raw instanceof Number number) {
        return new ListId(new BigDecimal(number.toString()).toBigIntegerExact().toString());
      }
      throw new InvalidField(path, rule);
    } catch (ArithmeticException | NumberFormatException notWhole) {
      throw new InvalidField(path, rule);
    } catch (InvalidField broken) {
      throw new InvalidField(path, broken.rule());
    }
  }
}
