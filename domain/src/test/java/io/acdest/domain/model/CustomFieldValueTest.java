package io.acdest.domain.model;

import static io.acdest.domain.call.Json.arr;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CustomFieldValueTest {

  @Test
  void textIsSentAsItIs() {
    assertThat(CustomFieldValue.encode("medium")).contains(new CustomFieldValue("medium"));
  }

  @Test
  void arraysBecomeListsOfTextsForMultiValueFields() {
    // multiChoice: [Value1, Value2]; each CRM adapter writes the list in its own form
    assertThat(CustomFieldValue.encode(arr("Value1", "Value2")))
        .contains(CustomFieldValue.list(java.util.List.of("Value1", "Value2")));
    assertThat(CustomFieldValue.encode(arr(1, true)))
        .contains(CustomFieldValue.list(java.util.List.of("1", "true")));
  }

  @Test
  void numbersAndBooleansBecomeText() {
    assertThat(CustomFieldValue.encode(42)).contains(new CustomFieldValue("42"));
    assertThat(CustomFieldValue.encode(2.50)).contains(new CustomFieldValue("2.5"));
    assertThat(CustomFieldValue.encode(3.0)).contains(new CustomFieldValue("3"));
    assertThat(CustomFieldValue.encode(new BigDecimal("12345678901234567890")))
        .contains(new CustomFieldValue("12345678901234567890"));
    assertThat(CustomFieldValue.encode(true)).contains(new CustomFieldValue("true"));
    assertThat(CustomFieldValue.encode(false)).contains(new CustomFieldValue("false"));
  }

  @Test
  void nullAndEmptyArraysClearTheField() {
    assertThat(CustomFieldValue.encode(null)).contains(CustomFieldValue.clear());
    assertThat(CustomFieldValue.encode(arr())).contains(CustomFieldValue.clear());
    assertThat(CustomFieldValue.clear().clears()).isTrue();
  }

  @Test
  void objectsHaveNoEncoding() {
    assertThat(CustomFieldValue.encode(obj("size", "m"))).isEmpty();
    assertThat(CustomFieldValue.encode(arr("a", obj("b", 1)))).isEmpty();
  }
}
