package dev.jic.types.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Golden vectors from the interface spec (§3.2, §3.5 of the digest), hand-checked. */
class PrincipalIdTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void managementAndAnonymous() {
    assertEquals("aaaaa-aa", PrincipalId.MANAGEMENT_CANISTER.toText());
    assertEquals("2vxsx-fae", PrincipalId.ANONYMOUS.toText());
    assertEquals(PrincipalId.ANONYMOUS, PrincipalId.fromText("2vxsx-fae"));
    assertTrue(PrincipalId.fromText("aaaaa-aa").isManagementCanister());
  }

  @Test
  void specExampleAbcd01() {
    PrincipalId p = PrincipalId.of(HEX.parseHex("abcd01"));
    assertEquals("em77e-bvlzu-aq", p.toText());
    assertEquals(p, PrincipalId.fromText("EM77E-BVLZU-AQ"));
  }

  @Test
  void canisterIds() {
    assertEquals("rwlgt-iiaaa-aaaaa-aaaaa-cai", CanisterId.fromU64(0).toString());
    assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", CanisterId.fromU64(1).toString());
    assertEquals("ryjl3-tyaaa-aaaaa-aaaba-cai", CanisterId.fromU64(2).toString());
    assertArrayEquals(HEX.parseHex("00000000000000010101"), CanisterId.fromU64(1).toBytes());
    assertEquals(1, CanisterId.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai").toU64OrMinusOne());
    assertEquals(-1, CanisterId.MANAGEMENT.toU64OrMinusOne());
  }

  @Test
  void selfAuthenticatingOfZeroEd25519Key() {
    byte[] der = HEX.parseHex("302a300506032b6570032100" + "00".repeat(32));
    PrincipalId p = PrincipalId.selfAuthenticating(der);
    assertEquals(29, p.length());
    assertTrue(p.isSelfAuthenticating());
    assertEquals("ukev2-6iweo-izmyj-rdxlb-jun6n-nef5z-gk2lp-fuzke-7ghpu-jecqq-iae", p.toText());
  }

  @Test
  void badTextIsRejectedWithAReason() {
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("rrkah-fqaaa-aaaaa-aaaaq-caj")); // checksum
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("rrkah-fqaaa-aaaaa-aaaaq-ca!")); // char
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("rrkahf-qaaa-aaaaa-aaaaq-cai")); // grouping
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("aa"));
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("a".repeat(64)));
    assertThrows(PrincipalFormatException.class, () -> PrincipalId.of(new byte[30]));
    PrincipalFormatException e = assertThrows(PrincipalFormatException.class, () -> PrincipalId.fromText("2vxsx-fa1"));
    assertTrue(e.getMessage().contains("'1'"), e.getMessage());
  }

  @Property
  void textRoundTrip(@ForAll @Size(max = 29) byte[] bytes) {
    PrincipalId p = PrincipalId.of(bytes);
    assertEquals(p, PrincipalId.fromText(p.toText()));
    assertEquals(p, PrincipalId.fromText(p.toText().toUpperCase(java.util.Locale.ROOT)));
  }

  @Property
  void orderIsUnsignedLexicographic(@ForAll @Size(max = 29) byte[] a, @ForAll @Size(max = 29) byte[] b) {
    assertEquals(Integer.signum(java.util.Arrays.compareUnsigned(a, b)),
        Integer.signum(PrincipalId.of(a).compareTo(PrincipalId.of(b))));
  }
}
