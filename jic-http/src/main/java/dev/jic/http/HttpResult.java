package dev.jic.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP response before it is written: status, content type and body. Errors are
 * {@code text/plain} with a one-line message, as the IC replica sends them. Immutable.
 *
 * @param contentType {@code null} for an empty body
 */
public record HttpResult(int status, String contentType, byte[] body) {

  /** The CBOR media type of every HTTPS-interface body. */
  public static final String CBOR = "application/cbor";
  /** The media type of error messages. */
  public static final String TEXT = "text/plain; charset=utf-8";

  /** Copies the body; a non-empty body needs a content type. */
  public HttpResult {
    Objects.requireNonNull(body, "body");
    body = body.clone();
    if (body.length > 0 && contentType == null) {
      throw new IllegalArgumentException("a body needs a content type");
    }
  }

  /** A status with a text/plain message. */
  public static HttpResult text(int status, String message) {
    return new HttpResult(status, TEXT, message.getBytes(StandardCharsets.UTF_8));
  }

  /** 200 with a CBOR body. */
  public static HttpResult cbor(byte[] body) {
    return new HttpResult(200, CBOR, body);
  }

  /** A status with an empty body (202 Accepted, 204 preflight). */
  public static HttpResult empty(int status) {
    return new HttpResult(status, null, new byte[0]);
  }

  /** 400 Bad Request with a message. */
  public static HttpResult badRequest(String message) {
    return text(400, message);
  }

  /** 403 Forbidden with a message. */
  public static HttpResult forbidden(String message) {
    return text(403, message);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8 (for messages and tests). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
