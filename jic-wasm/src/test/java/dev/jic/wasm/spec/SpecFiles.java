package dev.jic.wasm.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Access to the checked-in wast2json output under {@code src/test/resources/wasm-spec/}. */
public final class SpecFiles {
  private SpecFiles() {}

  /** One converted .wast file: its directory (e.g. {@code core/binary}) and commands. */
  public record Script(String dir, String name, List<Map<String, Object>> commands) {
    /** The bytes of a module file referenced by a command. */
    public byte[] file(String filename) {
      return resource(dir + "/" + filename);
    }

    /** {@code core/binary}-style id. */
    public String id() {
      return dir;
    }
  }

  /** Every converted script, in index order. */
  @SuppressWarnings("unchecked")
  public static List<Script> scripts() {
    String index = new String(resource("index.txt"), StandardCharsets.UTF_8);
    List<Script> out = new ArrayList<>();
    for (String line : index.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String dir = line.substring(0, line.lastIndexOf('/'));
      String name = dir.substring(dir.lastIndexOf('/') + 1);
      Map<String, Object> json = (Map<String, Object>) Json.parse(new String(resource(line), StandardCharsets.UTF_8));
      out.add(new Script(dir, name, (List<Map<String, Object>>) json.get("commands")));
    }
    return out;
  }

  /** Every binary module of the suite that a {@code module} command loads, with its id. */
  public static List<Map.Entry<String, byte[]>> validModules() {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    for (Script s : scripts()) {
      for (Map<String, Object> c : s.commands()) {
        if ("module".equals(c.get("type"))) {
          String f = (String) c.get("filename");
          out.add(Map.entry(s.dir() + "/" + f, s.file(f)));
        }
      }
    }
    return out;
  }

  static byte[] resource(String path) {
    try (InputStream in = SpecFiles.class.getResourceAsStream("/wasm-spec/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource wasm-spec/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
