package dev.jic.state;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemMetadata;
import dev.jic.replicated.SystemState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Cycles;
import dev.jic.types.unit.Height;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stand-in for message routing + execution (jic-state cannot depend on
 * jic-execution): each ingress message of a batch picks a canister from its content (creating it
 * with a heap and stable memory if needed), writes a few heap and stable pages derived from the
 * content, sets certified data, logs, and records a reply or reject in the ingress history.
 */
public final class FakeExecutor {
  public static final SubnetId SUBNET = new SubnetId(PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 1}));
  static final PrincipalId USER = PrincipalId.of(new byte[] {9, 9, 9, 2});

  private FakeExecutor() {}

  /** The genesis state: no canisters, height 0. */
  public static ReplicatedState genesis() {
    return new ReplicatedState(new SystemMetadata(SUBNET, 4, Height.ZERO, 0, 0, 0xFFFFF, 0));
  }

  /** The deterministic batch at height {@code h} of a run seeded by {@code seed}. */
  public static Batch batch(long seed, long h) {
    Random r = new Random(seed * 1_000_003 + h);
    List<IngressMessage> ingress = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      byte[] content = new byte[24];
      r.nextBytes(content);
      ingress.add(new IngressMessage(IngressId.of(Sha.sha256(content)), new Time(h * 1000 + 999), content));
    }
    byte[] rnd = new byte[32];
    r.nextBytes(rnd);
    return new Batch(Height.of(h), new Time(1_700_000_000_000_000_000L + h * 1_000_000_000L), rnd,
        Sha.sha256(rnd), ingress);
  }

  /** Executes {@code b} on {@code s} (which must be at {@code b.height() - 1}). */
  public static void execute(ReplicatedState s, Batch b) {
    s.setMetadata(s.metadata().atBatch(b.height(), b.time().nanos()));
    for (IngressMessage m : b.ingress()) {
      byte[] c = m.content();
      ByteBuffer bb = ByteBuffer.wrap(c);
      int canister = Byte.toUnsignedInt(c[0]) % 5;
      CanisterId id = CanisterId.fromU64(canister);
      CanisterState cs = s.canister(id);
      if (cs == null) {
        cs = create(id, c);
        s.put(cs);
      }
      ExecutionState e = cs.execution();
      long page = Long.remainderUnsigned(bb.getLong(1), 300);
      e.heap().write(page * 4096 + (c[9] & 0xff), c, 0, c.length);
      e.heap().commit();
      if ((c[10] & 1) == 0) {
        e.stable().write(Long.remainderUnsigned(bb.getLong(11), 1 << 20), c);
        e.stable().commit();
      }
      cs.system().setCertifiedData(Sha.sha256(c));
      cs.system().appendLog(b.time().nanos(), new byte[] {c[2], c[3]});
      cs.system().bumpVersion();
      e.commitHeap(e.heapPages(), new long[] {bb.getLong(16)}, new long[] {0});
      RequestId rid = RequestId.of(m.id().toBytes());
      IngressStatus st =
          (c[19] & 3) == 0
              ? new IngressStatus.Rejected(id, USER, b.time().nanos(), dev.jic.replicated.RejectCode.CANISTER_REJECT,
                  "no " + c[20], (c[21] & 1) == 0 ? "" : "IC0406")
              : new IngressStatus.Replied(id, USER, b.time().nanos(), new byte[] {c[4], c[5], c[6]});
      s.ingressHistory().set(rid, st);
    }
  }

  static CanisterState create(CanisterId id, byte[] seed) {
    SystemState sys =
        new SystemState(id, CanisterSettings.defaults(List.of(USER, id.principal())), Cycles.of(1_000_000_000L));
    TreeMap<String, IcpSection> meta = new TreeMap<>();
    meta.put("candid:service", new IcpSection("candid:service", true, "service : {}".getBytes()));
    meta.put("secret", new IcpSection("secret", false, new byte[] {seed[1]}));
    byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0, seed[0]};
    ExecutionState e =
        new ExecutionState(wasm, Sha.sha256(wasm), false, List.of("canister_update go"), meta, PageMap.empty(), 32,
            new StableMemory(PageMap.empty(), 16, 1 << 16), new long[] {0}, new long[] {0});
    return new CanisterState(sys, e);
  }
}
