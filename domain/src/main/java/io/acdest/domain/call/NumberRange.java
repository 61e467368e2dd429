package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Every number in a call, wherever it sits, must be one that JSON tools exchange: within the range of an IEEE 754
 * double (RFC 8259 docs/behaviour.md §6: "good interoperability can be achieved by implementations that expect no more
 * precision or range than these provide"). A number such as {@code 1e999999} is valid JSON text but no store, CRM or
 * client
 * library can hold it; the call is rejected with an error naming the field, instead of failing wherever it lands.
 */
public final class NumberRange {
  private static final BigDecimal LARGEST = new BigDecimal(Double.MAX_VALUE);
  private static final BigDecimal SMALLEST = new BigDecimal(Double.MIN_NORMAL);
  private static final String RULE =
      "must be a number within the range of a double (at most 1.8e308 in magnitude,"
          + " and 0 or at least 2.2e-308)";

  private NumberRange() {}

  /** Checks every number in the call; the first out of range is an error naming it, e.g. {@code properties.acValue}. */
  public static void check(CallFields event) {
    event.asMap().forEach((key, value) -> checkValue(event.pathOf(key), value));
  }

  /** True when the number can be exchanged as a double without becoming infinite or losing all its digits. */
  public static boolean inRange(Number number) {
    if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte) {
      return true;
    }
    if (number instanceof Double || number instanceof Float) {
      double value = number.doubleValue();
      return Double.isFinite(value) && (value == 0 || Math.abs(value) >= Double.MIN_NORMAL);
    }
    BigDecimal value =
        number instanceof BigInteger integer
            ? new BigDecimal(integer)
            : new BigDecimal(number.toString());
    BigDecimal magnitude = value.abs();
    return magnitude.signum() == 0
        || (magnitude.compareTo(LARGEST) <= 0 && magnitude.compareTo(SMALLEST) >= 0);
  }

  private static void checkValue(String path, Object value) {
    if (value instanceof Number number) {
      if (!inRange(number)) {
        throw new InvalidField(InvalidField.Code.OUT_OF_RANGE, path, RULE);
      }
    } else if (value instanceof Map<?, ?> object) {
      object.forEach((key, nested) -> checkValue(path + "." + key, nested));
    } else if (value instanceof List<?> array) {
      for (int i = 0; i < array.size(); i++) {
        checkValue(path + "[" + i + "]", array.get(i));
      }
    }
  }
}
