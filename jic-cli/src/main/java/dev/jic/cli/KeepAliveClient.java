package dev.jic.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The load bench's HTTP/1.1 client: one persistent (keep-alive) plain-TCP connection to one
 * loopback URI, used by one (virtual) thread at a time, sending {@code POST application/cbor}
 * requests and reading {@code Content-Length} or chunked responses. It reconnects once when the
 * server closed the idle connection. Much cheaper per request than {@code java.net.http}
 * (no selector registration, no futures), so the bench measures the node rather than the client.
 * Not thread-safe; not a general HTTP client (no TLS, no redirects, no 1xx besides skipping them).
 */
final class KeepAliveClient implements AutoCloseable {
  /** A response: its status code and body. */
  record Response(int status, byte[] body) {}

  private final String host;
  private final int port;
  private final byte[] head;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(URI uri) {
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nContent-Type: application/cbor\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Posts {@code body} and returns the response.
   *
   * @throws IOException when the connection fails twice in a row or the response is malformed
   */
  Response post(byte[] body) throws IOException {
    boolean fresh = socket == null;
    try {
      return exchange(body);
    } catch (IOException e) {
      close();
      if (fresh) {
        throw e;
      }
      return exchange(body); // the server may have closed the idle connection: one retry on a new one
    }
  }

  private Response exchange(byte[] body) throws IOException {
    if (socket == null) {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), 5_000);
      s.setSoTimeout(60_000);
      socket = s;
      in = new BufferedInputStream(s.getInputStream(), 16 << 10);
      out = s.getOutputStream();
    }
    byte[] len = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] req = new byte[head.length + len.length + body.length];
    System.arraycopy(head, 0, req, 0, head.length);
    System.arraycopy(len, 0, req, head.length, len.length);
    System.arraycopy(body, 0, req, head.length + len.length, body.length);
    out.write(req);
    out.flush();
    while (true) {
      String status = line();
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("bad status line: " + status);
      }
      int code = Integer.parseInt(parts[1]);
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = parts[0].equals("HTTP/1.0");
      for (String h = line(); !h.isEmpty(); h = line()) {
        int c = h.indexOf(':');
        if (c < 0) {
          continue;
        }
        String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(c + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> closeAfter = value.equalsIgnoreCase("close") || (closeAfter
              && !value.equalsIgnoreCase("keep-alive"));
          default -> { }
        }
      }
      if (code >= 100 && code < 200) {
        continue;
      }
      byte[] b;
      if (chunked) {
        b = chunkedBody();
      } else if (length >= 0) {
        b = in.readNBytes((int) length);
        if (b.length != length) {
          throw new IOException("connection closed inside the body");
        }
      } else {
        b = in.readAllBytes();
        closeAfter = true;
      }
      if (closeAfter) {
        close();
      }
      return new Response(code, b);
    }
  }

  private byte[] chunkedBody() throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return all.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) {
        throw new IOException("connection closed inside a chunk");
      }
      all.write(chunk);
      line();
    }
  }

  /** One CRLF-terminated ASCII line without its terminator. */
  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a loopback socket: nothing to do
      }
      socket = null;
    }
  }
}
