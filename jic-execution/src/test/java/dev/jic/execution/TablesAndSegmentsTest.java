package dev.jic.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Payload;
import dev.jic.types.hash.RequestId;
import dev.jic.types.unit.Cycles;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tables, element segments and passive data segments between messages (tables.wat).
 *
 * <p>The replica builds a fresh Wasm instance for every execution from the cached module plus the
 * persisted memories and exported globals (dfinity/ic {@code rs/embedders}: {@code wasm_executor.rs}
 * calls {@code WasmtimeEmbedder::new_instance} per execution), and its instrumentation keeps passive
 * data segments in the module ({@code instrumentation.rs}, {@code get_data}: "It retains the
 * passive data segments and clears the content of the active segments"). So {@code table.set},
 * {@code table.grow}, {@code elem.drop} and {@code data.drop} last one message, committed or not.
 */
class TablesAndSegmentsTest {
  /** [entry 0, entry 1, table size] as instantiated: both entries $one, size 2. */
  private static final byte[] INITIAL = {1, 1, 2};
  private static final byte[] JIC = "jic!".getBytes(StandardCharsets.US_ASCII);

  private Harness h;
  private CanisterState c;

  @BeforeEach
  void install() {
    h = new Harness();
    c = h.create(Cycles.of(100_000_000_000_000L));
    assertNull(h.manager.installCode(c, new InstallMode.Install(), Harness.resource("wat/tables.wasm"), new byte[0],
        Harness.USER, Harness.TIME));
  }

  private ExecutionResult update(String m) {
    return h.executor.executeUpdate(c, new CallOrigin.Ingress(Harness.USER, RequestId.of(new byte[32])), m,
        new byte[0], Cycles.ZERO, Harness.TIME);
  }

  private static byte[] reply(ExecutionResult r) {
    return assertInstanceOf(Payload.Data.class, r.response().orElseThrow(), r::toString).bytes();
  }

  private byte[] query(String m) {
    QueryResult q = h.executor.executeQuery(c, Harness.USER, m, new byte[0], Harness.TIME, null);
    return assertInstanceOf(Payload.Data.class, q.payload(), q::toString).bytes();
  }

  private ErrorCode error(ExecutionResult r) {
    return r.error().orElseThrow(() -> new AssertionError("expected an error: " + r)).code();
  }

  @Test
  void tableChangesOfACommittedUpdateLastOneMessage() {
    assertArrayEquals(INITIAL, query("which"));
    long version = c.system().version();
    // Inside the message: entry 0 is $two and the table grew to 3 (entry 2 is $two).
    assertArrayEquals(new byte[] {2, 1, 3}, reply(update("set")));
    assertEquals(version + 1, c.system().version(), "the update committed");
    assertArrayEquals(INITIAL, reply(update("which_update")));
    assertArrayEquals(INITIAL, query("which"));
  }

  @Test
  void tableChangesOfATrappingUpdateAndOfAQueryAreUndone() {
    assertEquals(ErrorCode.CANISTER_TRAPPED, error(update("set_trap")));
    assertArrayEquals(INITIAL, reply(update("which_update")));
    assertArrayEquals(new byte[] {2, 1, 3}, query("set_query"));
    assertArrayEquals(INITIAL, query("which"));
  }

  @Test
  void aDroppedElementSegmentIsBackInTheNextMessage() {
    assertArrayEquals(new byte[] {1}, reply(update("elem_drop")));
    // table.init from the dropped segment would trap in the same instance; here it succeeds.
    assertArrayEquals(new byte[] {1, 3, 2}, reply(update("elem_init")));
    assertArrayEquals(INITIAL, query("which"));
  }

  @Test
  void aDroppedDataSegmentIsBackInTheNextMessage() {
    assertArrayEquals(JIC, reply(update("data_drop")));
    assertArrayEquals(new byte[4], reply(update("clear")));
    assertArrayEquals(JIC, query("data_init_query"));
    assertArrayEquals(JIC, reply(update("data_init")));
    assertArrayEquals(JIC, reply(update("data_drop")));
    assertArrayEquals(JIC, reply(update("data_drop")));
    assertEquals(ErrorCode.CANISTER_TRAPPED, error(update("data_drop_trap")));
    assertArrayEquals(JIC, reply(update("data_init")));
  }

  @Test
  void memoryWrittenBeforeADataDropIsKept() {
    assertArrayEquals(new byte[4], reply(update("clear")));
    assertArrayEquals(JIC, reply(update("data_drop")));
    assertArrayEquals(JIC, query("peek"));
    h.executor.evict(c.id());
    assertArrayEquals(JIC, query("peek"));
  }

  @Test
  void aRebuiltRuntimeBehavesTheSame() {
    assertArrayEquals(new byte[] {2, 1, 3}, reply(update("set")));
    assertArrayEquals(JIC, reply(update("data_drop")));
    h.executor.evict(c.id());
    assertArrayEquals(INITIAL, query("which"));
    assertArrayEquals(JIC, reply(update("data_init")));
    assertArrayEquals(new byte[] {1}, reply(update("elem_drop")));
    assertArrayEquals(new byte[] {1, 3, 2}, reply(update("elem_init")));
  }
}
