package io.acdest.bootstrap;

import io.acdest.adapters.activecampaign.ActiveCampaignKind;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.mailchimp.MailchimpKind;
import java.util.List;

/**
 * The CRMs this build delivers to: one line per CRM adapter module (docs/adding-a-crm-adapter.md). The first is the
 * default of {@code CRM}.
 */
final class CrmKinds {
  private CrmKinds() {}

  static final List<CrmKind> ALL = List.of(new ActiveCampaignKind(), new MailchimpKind());
}
