package io.acdest.domain.call;

import static io.acdest.domain.call.Json.arr;
import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.InvalidField;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NumberRangeTest {

  @Test
  void anAcValueBeyondADoubleRejectsTheCallNamingTheField() {
    // the poison event: "properties":{"acValue":1e999999}
    assertThatThrownBy(
            () ->
                CallMapping.map(
                    call(
                        "track",
                        obj(
                            "userId",
                            "u1",
                            "event",
                            "Order Completed",
                            "properties",
                            obj("acValue", new BigDecimal("1e999999"))))))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> {
              assertThat(e.code()).isEqualTo(InvalidField.Code.OUT_OF_RANGE);
              assertThat(e.field()).isEqualTo("properties.acValue");
            });
  }

  @Test
  void numbersAreCheckedWhereverTheySitAndTheirPathNamesArrayPositions() {
    assertThatThrownBy(
            () ->
                CallMapping.map(
                    call(
                        "identify",
                        obj(
                            "userId",
                            "u1",
                            "traits",
                            obj("scores", arr(1, obj("deep", new BigDecimal("-2e400"))))))))
        .isInstanceOfSatisfying(
            InvalidField.class, e -> assertThat(e.field()).isEqualTo("traits.scores[1].deep"));
    assertThatThrownBy(
            () ->
                CallMapping.map(
                    call(
                        "page",
                        obj("userId", "u1", "context", obj("tiny", new BigDecimal("1e-999999"))))))
        .isInstanceOfSatisfying(
            InvalidField.class, e -> assertThat(e.field()).isEqualTo("context.tiny"));
  }

  @Test
  void everyDoubleAndEveryIntegerJsonToolsExchangeIsInRange() {
    assertThat(NumberRange.inRange(new BigDecimal("1.7976931348623157e308"))).isTrue();
    assertThat(NumberRange.inRange(new BigDecimal("-2.2250738585072014e-308"))).isTrue();
    assertThat(NumberRange.inRange(BigDecimal.ZERO)).isTrue();
    assertThat(NumberRange.inRange(new BigDecimal("0e-999999")))
        .as("zero, however written")
        .isTrue();
    assertThat(NumberRange.inRange(Long.MAX_VALUE)).isTrue();
    assertThat(NumberRange.inRange(new BigInteger("9".repeat(100)))).isTrue();
    assertThat(NumberRange.inRange(42.5)).isTrue();
  }

  @Test
  void beyondTheLargestOrBelowTheSmallestNormalDoubleIsOutOfRange() {
    assertThat(NumberRange.inRange(new BigDecimal("1.8e308"))).isFalse();
    assertThat(NumberRange.inRange(new BigDecimal("1e-309"))).isFalse();
    assertThat(NumberRange.inRange(Double.POSITIVE_INFINITY)).isFalse();
    assertThat(NumberRange.inRange(new BigInteger("1" + "0".repeat(400)))).isFalse();
  }
}
