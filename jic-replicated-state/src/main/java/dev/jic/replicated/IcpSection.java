package dev.jic.replicated;

import java.util.Arrays;

/** A module's {@code icp:public <name>} or {@code icp:private <name>} custom section. */
public record IcpSection(String name, boolean isPublic, byte[] content) {
  /** The private section that marks a Motoko enhanced-orthogonal-persistence module. */
  public static final String ENHANCED_ORTHOGONAL_PERSISTENCE = "enhanced-orthogonal-persistence";

  public IcpSection {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcpSection s && s.name.equals(name) && s.isPublic == isPublic && Arrays.equals(s.content, content);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(content);
  }
}
