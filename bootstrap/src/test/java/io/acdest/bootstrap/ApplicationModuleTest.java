package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.acdest.application.fakes.FakeCrm;
import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.application.fakes.InMemoryContactDirectory;
import io.acdest.application.fakes.InMemoryMessageStore;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One injector composes the application services over the ports the adapter modules bind. */
class ApplicationModuleTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore(Clock.systemUTC());
  private final FakeCrm crm = new FakeCrm(List.of());

  private Injector injector() {
    // what a CRM module binds, privately to its destination
    AbstractModule crmModule =
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(IntegrationsFilter.class).toInstance(new IntegrationsFilter("ActiveCampaign"));
            bind(io.acdest.domain.model.ListIdFormat.class)
                .toInstance(
                    new io.acdest.domain.model.ListIdFormat(
                        java.util.regex.Pattern.compile("[1-9][0-9]{0,18}"),
                        "must be a positive whole number"));
            bind(io.acdest.domain.model.CrmAccount.class)
                .toInstance(new io.acdest.domain.model.CrmAccount("fake:1"));
            bind(CrmContacts.class).toInstance(crm);
            bind(CrmActivity.class).toInstance(crm);
          }
        };
    ContactDirectory directory = new InMemoryContactDirectory();
    io.acdest.domain.port.out.PersonalData personal =
        new io.acdest.application.fakes.InMemoryPersonalData();
    return Guice.createInjector(
        new ApplicationModule(DeliverySettings.DEFAULTS, "activecampaign", crmModule),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(io.acdest.domain.port.out.AccountStores.class)
                .toInstance(
                    new io.acdest.domain.port.out.AccountStores() {
                      @Override
                      public ContactDirectory directory(io.acdest.domain.model.CrmAccount account) {
                        return directory;
                      }

                      @Override
                      public io.acdest.domain.port.out.PersonalData personalData(
                          io.acdest.domain.model.CrmAccount account) {
                        return personal;
                      }
                    });
            bind(MessageLog.class).toInstance(store);
            bind(DeliveryQueue.class).toInstance(store);
            bind(io.acdest.domain.port.out.OperationsReadModel.class).toInstance(store);
            bind(io.acdest.domain.port.out.DeliveryPauses.class).toInstance(List::of);
            bind(io.acdest.domain.port.out.Suppressions.class)
                .toInstance(new io.acdest.application.fakes.InMemorySuppressions());
            bind(AttemptLog.class).toInstance(new InMemoryAttemptLog(store::jobOf));
            // replays need PostgreSQL (ReplayStoreTest, ReplayDrillTest); this composition never
            // steps one
            bind(io.acdest.domain.port.out.ReplayStore.class)
                .toInstance(
                    (io.acdest.domain.port.out.ReplayStore)
                        java.lang.reflect.Proxy.newProxyInstance(
                            getClass().getClassLoader(),
                            new Class<?>[] {io.acdest.domain.port.out.ReplayStore.class},
                            (proxy, method, args) -> {
                              throw new UnsupportedOperationException(
                                  "no replay store in this composition: " + method.getName());
                            }));
          }
        });
  }

  @Test
  void anIdentifyAcceptedThroughTheInjectorIsDeliveredThroughIt() {
    Injector injector = injector();
    SourceId source = new SourceId("web");
    ReceivedCall call =
        new ReceivedCall(
            source,
            "identify",
            CallFields.root(
                Map.of(
                    "type",
                    "identify",
                    "messageId",
                    "m1",
                    "userId",
                    "ze8rt1u89",
                    "traits",
                    Map.of(
                        "firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com"))),
            Clock.systemUTC().instant());

    AcceptResult accepted =
        injector
            .getInstance(IngestCallsUseCase.class)
            .ingest(new IngestCommand(List.of(call), false))
            .results()
            .get(0);
    for (DeliveryJob job : store.claim("w", 10, Duration.ofMinutes(1))) {
      injector
          .getInstance(
              DestinationModule.key(
                  DeliverCallUseCase.class, io.acdest.domain.delivery.DestinationId.DEFAULT))
          .deliver(job);
    }

    assertThat(accepted).isInstanceOf(AcceptResult.Accepted.class);
    assertThat(crm.contact("jane.kim@example.com")).isPresent();
    assertThat(store.find(new MessageKey(source, new MessageId("m1"))))
        .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(MessageState.DELIVERED));
  }

  @Test
  void theServicesAreSingletons() {
    Injector injector = injector();
    assertThat(injector.getInstance(IngestCallsUseCase.class))
        .as("intake is rebuilt per request over one CallIntake")
        .isNotNull();
    com.google.inject.Key<DeliverCallUseCase> delivery =
        DestinationModule.key(
            DeliverCallUseCase.class, io.acdest.domain.delivery.DestinationId.DEFAULT);
    assertThat(injector.getInstance(delivery)).isSameAs(injector.getInstance(delivery));
    assertThat(injector.getInstance(io.acdest.application.CallIntake.class))
        .isSameAs(injector.getInstance(io.acdest.application.CallIntake.class));
  }

  @Test
  void deliverySettingsRefuseNonsense() {
    assertThatThrownBy(
            () ->
                new DeliverySettings(
                    Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(24), true))
        .hasMessageContaining("retry window");
  }
}
