package dev.jic.cli.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP for the agent: one {@link HttpClient}, CBOR posts, and errors turned into {@link AgentException}s. */
final class Transport {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Transport(URI network) {
    String s = network.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** A response: status and body. */
  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8).strip();
    }
  }

  String base() {
    return base;
  }

  Reply get(String path) throws AgentException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply postCbor(String path, byte[] body) throws AgentException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Reply send(HttpRequest.Builder b) throws AgentException {
    try {
      HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new AgentException("cannot reach the network at " + base + " (connection refused)",
          "start a local network with ./jic start, or pass --network <url>", e);
    } catch (HttpTimeoutException e) {
      throw new AgentException("the network at " + base + " did not answer in time", "check ./jic start's output", e);
    } catch (IOException e) {
      throw new AgentException("cannot talk to the network at " + base + ": " + e.getMessage(),
          "start a local network with ./jic start, or pass --network <url>", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted", "", e);
    }
  }

  /** The error for an unexpected HTTP status: the replica's one-line message, plus a hint by status. */
  AgentException unexpected(Reply r, String what) {
    String msg = r.text();
    if (msg.length() > 300 || msg.chars().anyMatch(ch -> ch < 9)) {
      msg = r.body().length + " bytes";
    }
    String hint = switch (r.status()) {
      case 400 -> "the request was malformed: check the canister id and arguments";
      case 403 -> "the replica refused this identity: check `jic identity list` and the canister's controllers";
      case 404 -> "is --network pointing at an IC replica?";
      case 413 -> "the request is too large (the IC accepts about 2 MiB per message)";
      case 429, 503 -> "the replica is busy or not ready yet: retry in a moment";
      default -> "";
    };
    return new AgentException(what + " failed: HTTP " + r.status() + (msg.isEmpty() ? "" : ": " + msg), hint);
  }
}
