package dev.jic.state.tree;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.id.PrincipalId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exact value encodings and subtree shapes of the certified state tree
 * (IC-INTERFACE-DIGEST §4.5): nats as unsigned LEB128, text as UTF-8, controllers as CBOR
 * {@code #6.55799([* bytes])} sorted by principal bytes.
 */
public final class StateTreeEncodings {
  private static final int SELF_DESCRIBE_TAG = 55799;

  private StateTreeEncodings() {}

  /** A nat: unsigned LEB128. */
  public static byte[] nat(long v) {
    return Leb128.encodeUnsigned(v);
  }

  /** Text: UTF-8. */
  public static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Controllers: CBOR self-describe tag, definite array of byte strings, sorted by bytes. */
  public static byte[] controllers(List<PrincipalId> controllers) {
    CBORObject a = CBORObject.NewArray();
    controllers.stream().distinct().sorted().forEach(p -> a.Add(CBORObject.FromObject(p.toBytes())));
    return a.WithTag(SELF_DESCRIBE_TAG).EncodeToBytes();
  }

  /** The subtree {@code /request_status/<rid>}. */
  public static LabeledTree requestStatus(RequestStatus s) {
    LabeledTree.Builder b = LabeledTree.builder();
    switch (s) {
      case RequestStatus.Received r -> b.put(LabeledTree.path("status"), text("received"));
      case RequestStatus.Processing p -> b.put(LabeledTree.path("status"), text("processing"));
      case RequestStatus.Replied r -> {
        b.put(LabeledTree.path("status"), text("replied"));
        b.put(LabeledTree.path("reply"), r.replyUnsafe());
      }
      case RequestStatus.Rejected r -> {
        b.put(LabeledTree.path("status"), text("rejected"));
        b.put(LabeledTree.path("reject_code"), nat(r.rejectCode()));
        b.put(LabeledTree.path("reject_message"), text(r.rejectMessage()));
        r.errorCode().ifPresent(c -> b.put(LabeledTree.path("error_code"), text(c)));
      }
      case RequestStatus.Done d -> b.put(LabeledTree.path("status"), text("done"));
    }
    return b.build();
  }

  /** The subtree {@code /canister/<cid>}. */
  public static LabeledTree canister(StateTreeInput.CanisterEntry c) {
    LabeledTree.Builder b = LabeledTree.builder();
    b.put(LabeledTree.path("certified_data"), c.certifiedData());
    b.put(LabeledTree.path("controllers"), controllers(c.controllers()));
    c.moduleHash()
        .ifPresent(
            h -> {
              b.put(LabeledTree.path("module_hash"), h);
              b.putNode(LabeledTree.path("metadata"));
              c.metadata().forEach((name, v) -> b.put(LabeledTree.path("metadata", name), v));
            });
    return b.build();
  }

  /** The subtree {@code /subnet/<sid>}. */
  public static LabeledTree subnet(StateTreeInput.SubnetEntry s) {
    LabeledTree.Builder b = LabeledTree.builder();
    b.put(LabeledTree.path("public_key"), s.publicKeyDer());
    b.put(LabeledTree.path("type"), text(s.type()));
    b.put(LabeledTree.path("canister_ranges"), s.ranges().toCbor());
    b.putNode(LabeledTree.path("node"));
    s.nodePublicKeys()
        .forEach((n, k) -> b.put(LabeledTree.path("node", n.principal().toBytes(), "public_key"), k));
    return b.build();
  }
}
