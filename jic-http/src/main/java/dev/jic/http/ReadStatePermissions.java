package dev.jic.http;

import dev.jic.crypto.auth.CanisterTargets;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.UserId;
import dev.jic.types.messages.Blob;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read_state path rules (interface spec §"Request: Read state"; digest §1.8), checked before a
 * certificate is built. Outcomes: empty (all paths allowed); 404 for a path the interface does not
 * serve ({@code /canister/<id>/certified_data}, unknown labels, the empty path); 400 for a
 * malformed label (a request id that is not 32 bytes, a non-principal id, a non-UTF-8 metadata
 * name, two different request ids); 403 for a path that exists but this reader may not see
 * (another sender's request status, another canister than the effective one, a private metadata
 * section, a path of a subnet endpoint asked at a canister endpoint or the reverse). Pure apart
 * from reading the snapshot; never throws on hostile paths.
 */
public final class ReadStatePermissions {
  private ReadStatePermissions() {}

  private static final Set<String> REQUEST_STATUS_LEAVES = Set.of("status", "reply", "reject_code", "reject_message", "error_code");
  private static final Set<String> CANISTER_LEAVES = Set.of("module_hash", "controllers", "canister_creation_timestamp", "last_install_timestamp");
  private static final Set<String> BOUNDARY_NODE_LEAVES = Set.of("domain", "ipv4_address", "ipv6_address");
  private static final Set<String> SUBNET_LEAVES = Set.of("public_key", "type", "node");

  /** The request context the rules depend on. */
  public record Reader(UserId sender, CanisterTargets targets, EffectiveId effectiveId, int version) {}

  /** Empty if {@code reader} may read all {@code paths} of {@code snapshot}, else the error response. */
  public static Optional<HttpResult> check(List<List<Blob>> paths, Reader reader, SubnetInfo subnet, CertifiedSnapshot snapshot) {
    Optional<RequestId> requestId = Optional.empty();
    Optional<PrincipalId> rangesSubnet = Optional.empty();
    for (List<Blob> path : paths) {
      int n = path.size();
      String head = n == 0 ? "" : ascii(path.get(0));
      switch (head) {
        case "time" -> {
          if (n != 1) {
            return invalidPath(path);
          }
        }
        case "api_boundary_nodes" -> {
          if (n > 3 || (n == 3 && !BOUNDARY_NODE_LEAVES.contains(ascii(path.get(2))))) {
            return invalidPath(path);
          }
        }
        case "subnet" -> {
          Optional<HttpResult> r = checkSubnetPath(path, reader, subnet);
          if (r.isPresent()) {
            return r;
          }
        }
        case "canister_ranges" -> {
          if (n < 2 || n > 3) {
            return invalidPath(path);
          }
          if (!(reader.effectiveId() instanceof EffectiveId.Subnet)) {
            return forbidden("/canister_ranges/<subnet> may only be read at the subnet read_state endpoints");
          }
          PrincipalId sid;
          try {
            sid = PrincipalId.of(path.get(1).toBytes());
          } catch (PrincipalFormatException e) {
            return badRequest("the subnet id in a /canister_ranges path is not a principal: " + e.getMessage());
          }
          if (rangesSubnet.isPresent() && !rangesSubnet.get().equals(sid)) {
            return badRequest("all /canister_ranges paths of one request must name the same subnet");
          }
          rangesSubnet = Optional.of(sid);
        }
        case "request_status" -> {
          if (n < 2 || n > 3 || (n == 3 && !REQUEST_STATUS_LEAVES.contains(ascii(path.get(2))))) {
            return invalidPath(path);
          }
          if (path.get(1).length() != RequestId.LENGTH) {
            return badRequest("a request id in a request_status path must have 32 bytes, got " + path.get(1).length());
          }
          RequestId id = RequestId.of(path.get(1).toBytes());
          if (requestId.isPresent() && !requestId.get().equals(id)) {
            return badRequest("all request_status paths of one request must name the same request id, got "
                + requestId.get().toHex() + " and " + id.toHex());
          }
          requestId = Optional.of(id);
        }
        case "canister" -> {
          Optional<HttpResult> r = checkCanisterPath(path, reader, snapshot);
          if (r.isPresent()) {
            return r;
          }
        }
        default -> {
          return invalidPath(path);
        }
      }
    }
    if (requestId.isPresent()) {
      Optional<RequestOrigin> origin = snapshot.requestOrigin(requestId.get());
      if (origin.isPresent()) {
        RequestOrigin o = origin.get();
        if (!o.sender().equals(reader.sender())) {
          return forbidden("request " + requestId.get().toHex() + " was not signed by the caller " + reader.sender()
              + "; only its sender may read its status");
        }
        if (!o.effectiveId().equals(reader.effectiveId())) {
          return forbidden("request " + requestId.get().toHex() + " was submitted for " + o.effectiveId()
              + ", not for the " + reader.effectiveId() + " of this URL");
        }
        if (!reader.targets().contains(o.receiver())) {
          return forbidden("request " + requestId.get().toHex() + " calls " + o.receiver()
              + ", which is not among the sender's delegation targets");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<HttpResult> checkSubnetPath(List<Blob> path, Reader reader, SubnetInfo subnet) {
    int n = path.size();
    if (n <= 2) {
      return Optional.empty(); // /subnet, /subnet/<sid>
    }
    String third = ascii(path.get(2));
    if (n == 3 && SUBNET_LEAVES.contains(third)) {
      return Optional.empty();
    }
    if (n == 3 && third.equals("canister_ranges")) {
      boolean root = path.get(1).equals(Blob.of(subnet.rootSubnetId().toBytes()));
      if (reader.version() == 2 || root) {
        return Optional.empty();
      }
      return forbidden("/subnet/<subnet>/canister_ranges of a non-root subnet may only be read at the v2 endpoints;"
          + " read /canister_ranges/<subnet> at the subnet endpoint instead");
    }
    if (n == 3 && third.equals("metrics")) {
      if (reader.effectiveId() instanceof EffectiveId.Subnet s && path.get(1).equals(Blob.of(s.id().toBytes()))) {
        return Optional.empty();
      }
      return forbidden("/subnet/<subnet>/metrics may only be read at that subnet's read_state endpoint");
    }
    if (third.equals("node") && (n == 4 || (n == 5 && ascii(path.get(4)).equals("public_key")))) {
      return Optional.empty();
    }
    return invalidPath(path);
  }

  private static Optional<HttpResult> checkCanisterPath(List<Blob> path, Reader reader, CertifiedSnapshot snapshot) {
    int n = path.size();
    boolean metadata = n == 4 && ascii(path.get(2)).equals("metadata");
    if (!(n == 3 && CANISTER_LEAVES.contains(ascii(path.get(2)))) && !metadata) {
      return invalidPath(path);
    }
    CanisterId cid;
    try {
      cid = CanisterId.of(path.get(1).toBytes());
    } catch (PrincipalFormatException e) {
      return badRequest("the canister id in a /canister path is not a principal: " + e.getMessage());
    }
    if (!(reader.effectiveId() instanceof EffectiveId.Canister c) || !c.id().equals(cid)) {
      return forbidden("/canister/" + cid + "/... may only be read with effective canister id " + cid
          + ", not at the " + reader.effectiveId() + " endpoint");
    }
    if (metadata) {
      String name;
      try {
        name = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(path.get(3).toBytes()))
            .toString();
      } catch (CharacterCodingException e) {
        return badRequest("the metadata section name in a read_state path is not UTF-8");
      }
      if (!snapshot.mayReadMetadata(cid, name, reader.sender().principal())) {
        return forbidden("custom section " + EffectiveIdCheck.abbreviate(name) + " of " + cid
            + " is private: only the canister's controllers may read it");
      }
    }
    return Optional.empty();
  }

  /** The label as text if it is short printable ASCII, else a marker that matches no name. */
  private static String ascii(Blob label) {
    if (label.length() > 32) {
      return "\u0000";
    }
    byte[] b = label.toBytes();
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "\u0000";
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static Optional<HttpResult> invalidPath(List<Blob> path) {
    StringBuilder shown = new StringBuilder();
    for (Blob l : path.subList(0, Math.min(path.size(), 6))) {
      String a = ascii(l);
      shown.append('/').append(a.equals("\u0000") ? "0x" + EffectiveIdCheck.abbreviate(l.toHex()) : a);
    }
    if (path.size() > 6) {
      shown.append("/...");
    }
    return Optional.of(HttpResult.text(404, "Invalid path requested: " + (shown.isEmpty() ? "(empty path)" : shown)));
  }

  private static Optional<HttpResult> forbidden(String message) {
    return Optional.of(HttpResult.forbidden(message));
  }

  private static Optional<HttpResult> badRequest(String message) {
    return Optional.of(HttpResult.badRequest(message));
  }
}
