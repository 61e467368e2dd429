package io.acdest.adapters.activecampaign;

import io.acdest.domain.model.CustomFieldValue;

/**
 * A custom-field value as ActiveCampaign takes it in {@code fieldValues}: a single text as it is; a list (listbox
 * and checkbox fields) as {@code ||a||b||}, the form the destination's documentation shows for {@code multiChoice};
 * the empty text to clear.
 */
final class AcFieldText {
  private AcFieldText() {}

  static String of(CustomFieldValue value) {
    if (value.clears()) {
      return "";
    }
    return value.isList() ? "||" + String.join("||", value.values()) + "||" : value.single();
  }
}
