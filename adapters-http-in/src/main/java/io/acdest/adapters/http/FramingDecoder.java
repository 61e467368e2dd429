package io.acdest.adapters.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;

/**
 * Vert.x's HTTP/1 request decoder, telling what Netty smooths over: a request with both {@code Content-Length} and
 * {@code Transfer-Encoding} (Netty drops the length and reads it as chunked) and a header folded over two lines
 * (obs-fold, which Netty joins). Either is framing a proxy in front may read otherwise; the request gets the header
 * {@value #AMBIGUOUS} naming it, and {@link StrictHttp} answers it 400 and closes the connection. It replaces Vert.x's
 * own decoder at each new connection (an internal class of Vert.x: decision 0024 says why, and a test fails if an
 * upgrade of Vert.x changes it).
 */
final class FramingDecoder extends VertxHttpRequestDecoder {
  /** The header a request's ambiguity is carried in, from the decoder to the request handler. */
  static final String AMBIGUOUS = "X-Acdest-Ambiguous-Framing";

  /** Whether the next bytes begin a request (the connection's first, or the one after a request's end). */
  private boolean atStart = true;

  /** What the request being decoded was found to have, for {@link #createMessage}. */
  private String pending;

  /** Whether the request being decoded is ambiguous. */
  private boolean ambiguous;

  /** Whether an ambiguous request was read whole: the connection reads nothing more. */
  private boolean closing;

  FramingDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (closing) {
      // the connection ends after the answer to an ambiguous request: nothing after it is read as a
      // request
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    if (atStart && pending == null) {
      pending = foldedHeader(buffer);
    }
    int before = out.size();
    super.decode(ctx, buffer, out);
    for (int i = before; i < out.size(); i++) {
      Object decoded = out.get(i);
      if (decoded instanceof HttpMessage message) {
        atStart = false;
        String problem = message.headers().contains(AMBIGUOUS) ? null : problem(message);
        if (problem != null) {
          message.headers().set(AMBIGUOUS, problem);
        }
        ambiguous |= message.headers().contains(AMBIGUOUS);
      }
      if (decoded instanceof LastHttpContent) {
        atStart = true;
        if (ambiguous) {
          // the ambiguous request ends here: what was decoded after it is dropped, and every later
          // byte
          closing = true;
          while (out.size() > i + 1) {
            ReferenceCountUtil.release(out.remove(out.size() - 1));
          }
          buffer.skipBytes(buffer.readableBytes());
          return;
        }
      }
    }
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    HttpMessage message = super.createMessage(initialLine);
    if (pending != null) {
      message.headers().set(AMBIGUOUS, pending);
      pending = null;
    }
    return message;
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    message.headers().set(AMBIGUOUS, "Content-Length and Transfer-Encoding together");
    super.handleTransferEncodingChunkedWithContentLength(message);
  }

  /** What makes a request's framing ambiguous beyond what Netty marks: two lengths, a coding other than chunked. */
  static String problem(HttpMessage message) {
    List<String> lengths = message.headers().getAll("Content-Length");
    List<String> codings = message.headers().getAll("Transfer-Encoding");
    if (!codings.isEmpty() && !lengths.isEmpty()) {
      return "Content-Length and Transfer-Encoding together";
    }
    if (lengths.size() > 1 || lengths.stream().anyMatch(length -> length.contains(","))) {
      return "more than one Content-Length";
    }
    if (codings.size() > 1
        || codings.stream()
            .anyMatch(
                coding -> !coding.strip().toLowerCase(java.util.Locale.ROOT).equals("chunked"))) {
      return "a Transfer-Encoding other than chunked";
    }
    return null;
  }

  /**
   * Whether the header block at the start of the buffer (when it is all there) folds a header over two lines: a line
   * after the request line that begins with a space or a tab.
   */
  private static String foldedHeader(ByteBuf buffer) {
    int start = buffer.readerIndex();
    int end = buffer.writerIndex();
    for (int i = start; i + 3 < end; i++) {
      if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
        byte next = buffer.getByte(i + 2);
        if (next == '\r' && buffer.getByte(i + 3) == '\n') {
          return null; // the end of the headers
        }
        if ((next == ' ' || next == '\t') && i > start) {
          return "a header folded over two lines (obs-fold)";
        }
      }
    }
    return null;
  }
}
