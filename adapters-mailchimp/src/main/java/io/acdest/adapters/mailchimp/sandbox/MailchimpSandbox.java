package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.CrmSandbox;
import io.acdest.adapters.crm.SandboxRoutes;
import io.acdest.adapters.crm.SandboxServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * A fake Mailchimp account on a Vert.x HTTP server: the Marketing API 3.0 endpoints the adapter uses, answering as
 * the published reference and users' reports show Mailchimp answering, one class per resource, each naming its
 * sources: {@link ConnectionLimit} (the key and the 10 simultaneous connections), {@link MembersResource},
 * {@link MemberTagsResource}, {@link MemberEventsResource}, {@link MergeFieldsResource}, {@link
 * BatchSubscribeResource}; errors as {@link McReplies} writes them. This class starts the server, changes the
 * account as people do meanwhile, and keeps and shows what the account holds ({@link #state()}).
 */
public final class MailchimpSandbox implements CrmSandbox {
  private final Vertx vertx;
  private boolean ownsVertx;
  private final MailchimpSandboxSettings settings;
  private final McAccount account = new McAccount();
  private final McReplies replies = new McReplies(account.json);
  private final ConnectionLimit limit;
  private HttpServer server;

  private MailchimpSandbox(Vertx vertx, MailchimpSandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.limit = new ConnectionLimit(settings, replies);
    Audience main = account.audience(settings.audienceId());
    // the merge fields every new audience has (Marketing API reference, "List merge fields")
    McAccount.addMergeField(main, "FNAME", "First Name", "text", false);
    McAccount.addMergeField(main, "LNAME", "Last Name", "text", false);
    McAccount.addMergeField(main, "ADDRESS", "Address", "address", false);
    McAccount.addMergeField(main, "PHONE", "Phone Number", "phone", false);
    McAccount.addMergeField(main, "BIRTHDAY", "Birthday", "birthday", false);
    // the sandbox's own fields, as the ActiveCampaign sandbox seeds its catalogue (merge tags hold
    // at
    // most ten characters, so a field for multiChoice is found by its name)
    McAccount.addMergeField(main, "SHIRT_SIZE", "Shirt Size", "dropdown", false);
    McAccount.addMergeField(main, "STATE", "State", "text", false);
    McAccount.addMergeField(main, "MMERGE8", "Multi Choice", "text", false);
    McAccount.addMergeField(main, "FAVCOLOR", "Favourite Colour", "text", false);
    McAccount.addMergeField(main, "PLAN", "Plan", "text", false);
    settings.otherAudiences().forEach(account::audience);
  }

  /** Starts a sandbox on {@code port} (0: any free port). */
  public static MailchimpSandbox start(Vertx vertx, MailchimpSandboxSettings settings, int port) {
    MailchimpSandbox sandbox = new MailchimpSandbox(vertx, settings);
    Router router = Router.router(vertx);
    router
        .route("/3.0/*")
        .handler(BodyHandler.create().setBodyLimit(10 * 1024 * 1024).setHandleFileUploads(false));
    router.route("/3.0/*").handler(sandbox.limit::admit);
    router
        .get("/3.0/ping")
        .handler(
            ctx ->
                sandbox.replies.reply(
                    ctx,
                    200,
                    sandbox.replies.object().put("health_status", "Everything's Chimpy!")));
    SandboxRoutes routes =
        (method, path, handler) ->
            router.route(method, path).handler(ctx -> sandbox.blocking(ctx, handler));
    new MergeFieldsResource(sandbox.account, sandbox.replies).mount(routes);
    new BatchSubscribeResource(sandbox.account, sandbox.replies).mount(routes);
    new MembersResource(sandbox.account, sandbox.replies).mount(routes);
    new MemberTagsResource(sandbox.account, sandbox.replies).mount(routes);
    new MemberEventsResource(sandbox.account, sandbox.replies).mount(routes);
    router
        .route("/3.0/*")
        .handler(
            ctx ->
                sandbox.replies.problem(
                    ctx,
                    404,
                    "Resource Not Found",
                    "The requested resource could not be found.",
                    null));
    sandbox.server = SandboxServer.listen(vertx, router, port, "the Mailchimp sandbox");
    return sandbox;
  }

  public MailchimpSandboxSettings settings() {
    return settings;
  }

  /** The Marketing API base URL of this sandbox, as {@code MAILCHIMP_API_URL} takes it. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/3.0";
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (ownsVertx) {
      SandboxServer.close(vertx);
    }
  }

  /** Starts a sandbox on a Vert.x of its own, which {@link #stop} closes with it. */
  public static MailchimpSandbox startOwn(MailchimpSandboxSettings settings, int port) {
    return SandboxServer.onOwnVertx(own -> start(own, settings, port)).closingItsVertx();
  }

  private MailchimpSandbox closingItsVertx() {
    ownsVertx = true;
    return this;
  }

  /**
   * Runs an endpoint off the event loop after the account's answer time, as a remote API takes time, holding the
   * account; a request that may change it counts as a change.
   */
  private void blocking(RoutingContext ctx, Handler<RoutingContext> endpoint) {
    vertx
        .executeBlocking(
            () -> {
              if (settings.latencyMillis() > 0) {
                Thread.sleep(settings.latencyMillis());
              }
              synchronized (account) {
                endpoint.handle(ctx);
                if (!HttpMethod.GET.equals(ctx.request().method())) {
                  account.changes++;
                }
              }
              return null;
            },
            false)
        .onFailure(ctx::fail);
  }

  // ---- what people and other tools do to the account meanwhile ----

  /** Adds a merge field to the main audience, as someone does in Mailchimp's audience settings. */
  public void addMergeField(String tag, String name, boolean required) {
    synchronized (account) {
      account.changes++;
      McAccount.addMergeField(
          account.audiences.get(settings.audienceId()), tag, name, "text", required);
    }
  }

  /** The member unsubscribes (the link in an email): their status is {@code unsubscribed} in the main audience. */
  public void unsubscribe(String email) {
    synchronized (account) {
      account.changes++;
      Member member = account.audiences.get(settings.audienceId()).members.get(hash(email));
      if (member != null) {
        member.status = "unsubscribed";
      }
    }
  }

  /** Deletes the member permanently from the main audience: Mailchimp will refuse to add the email again. */
  public void deletePermanently(String email) {
    synchronized (account) {
      account.changes++;
      Audience main = account.audiences.get(settings.audienceId());
      main.members.remove(hash(email));
      main.forgotten.add(email.toLowerCase(Locale.ROOT));
    }
  }

  /** Archives (deletes) the member from the main audience; the email may be added again. */
  public void archive(String email) {
    synchronized (account) {
      account.changes++;
      account.audiences.get(settings.audienceId()).members.remove(hash(email));
    }
  }

  // ---- kept across restarts ----

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  public String accountKey() {
    synchronized (account) {
      return account.key;
    }
  }

  /** How many changes the account has had since it started: a new snapshot is worth keeping when this moved. */
  @Override
  public long changes() {
    synchronized (account) {
      return account.changes;
    }
  }

  /** Everything the account holds (not how it was used), to be put back by {@link #restore} after a restart. */
  @Override
  public ObjectNode snapshot() {
    synchronized (account) {
      ObjectNode snapshot = replies.object().put("key", account.key);
      ObjectNode lists = snapshot.putObject("audiences");
      account
          .audiences
          .values()
          .forEach(audience -> lists.set(audience.id, audience.snapshot(account.json)));
      return snapshot;
    }
  }

  /** Puts back what a {@link #snapshot} held, replacing what the account holds. */
  public void restore(JsonNode snapshot) {
    synchronized (account) {
      account.key = snapshot.path("key").asText(account.key);
      account.audiences.clear();
      snapshot
          .path("audiences")
          .fields()
          .forEachRemaining(
              entry ->
                  account.audiences.put(
                      entry.getKey(), Audience.restore(entry.getKey(), entry.getValue())));
      account.audience(settings.audienceId());
      settings.otherAudiences().forEach(account::audience);
      account.changes++;
    }
  }

  /** Everything the account holds, and how it was used (most requests in flight, 429s). */
  @Override
  public JsonNode state() {
    synchronized (account) {
      ObjectNode state = replies.object();
      ObjectNode lists = state.putObject("audiences");
      account
          .audiences
          .values()
          .forEach(audience -> lists.set(audience.id, audience.shown(account.json)));
      state.put("requests", limit.requests());
      state.put("mostInFlight", limit.mostInFlight());
      state.put("answered429", limit.throttled());
      return state;
    }
  }

  /** The subscriber hash of an email: MD5 of its lower-case form. */
  public static String hash(String email) {
    return McAccount.hash(email);
  }
}
