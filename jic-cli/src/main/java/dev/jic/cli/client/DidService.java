package dev.jic.cli.client;

import dev.jic.types.candid.Candid;
import dev.jic.types.candid.CandidSyntaxException;
import dev.jic.types.candid.IdlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The methods of a canister's Candid interface, from the text of its {@code candid:service}
 * metadata (a {@code .did} file: {@code type} definitions, then {@code service : [init ->] {...}}).
 * Named types are expanded in place and the result handed to {@link Candid#parseType}; recursive
 * types are not expanded (the interface is then reported as unusable, and callers fall back to
 * untyped arguments and results). Immutable.
 */
public final class DidService {
  private final Map<String, IdlType.Func> methods;

  private DidService(Map<String, IdlType.Func> methods) {
    this.methods = methods;
  }

  /** The method's type, if the service declares it. */
  public Optional<IdlType.Func> method(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** The declared method names, sorted. */
  public List<String> methodNames() {
    return methods.keySet().stream().sorted().toList();
  }

  /**
   * Parses a {@code .did} text.
   *
   * @throws CandidSyntaxException if the text is malformed or uses what this parser does not
   *     expand (recursive types, imports)
   */
  public static DidService parse(String did) throws CandidSyntaxException {
    List<String> toks = lex(did);
    Map<String, List<String>> defs = new HashMap<>();
    int i = 0;
    List<String> service = null;
    while (i < toks.size()) {
      String t = toks.get(i);
      if (t.equals(";")) {
        i++;
      } else if (t.equals("type")) {
        if (i + 2 >= toks.size() || !toks.get(i + 2).equals("=")) {
          throw new CandidSyntaxException("expected 'type <name> =' in the service description", 0);
        }
        int end = endOfItem(toks, i + 3);
        defs.put(toks.get(i + 1), toks.subList(i + 3, end));
        i = end;
      } else if (t.equals("service")) {
        int j = i + 1;
        while (j < toks.size() && !toks.get(j).equals(":")) {
          j++;
        }
        j++;
        if (j < toks.size() && toks.get(j).equals("(")) {
          int depth = 0;
          do {
            depth += toks.get(j).equals("(") ? 1 : toks.get(j).equals(")") ? -1 : 0;
            j++;
          } while (depth > 0 && j < toks.size());
          if (j < toks.size() && toks.get(j).equals("->")) {
            j++;
          }
        }
        int end = endOfItem(toks, j);
        service = toks.subList(j, end);
        i = end;
      } else {
        throw new CandidSyntaxException("unexpected '" + t + "' in the service description", 0);
      }
    }
    if (service == null) {
      throw new CandidSyntaxException("the description has no service", 0);
    }
    List<String> body = expand(service, defs, new HashSet<>());
    if (!body.isEmpty() && !body.getFirst().equals("service")) {
      body.addFirst("service");
    }
    IdlType t = Candid.parseType(String.join(" ", body));
    if (!(t instanceof IdlType.Service s)) {
      throw new CandidSyntaxException("the service is not a service type", 0);
    }
    Map<String, IdlType.Func> ms = new HashMap<>();
    for (IdlType.Method m : s.methods()) {
      if (m.type() instanceof IdlType.Func f) {
        ms.put(m.name(), f);
      }
    }
    return new DidService(ms);
  }

  private static int endOfItem(List<String> toks, int from) {
    int depth = 0;
    int j = from;
    while (j < toks.size()) {
      String t = toks.get(j);
      if (t.equals("{") || t.equals("(")) {
        depth++;
      } else if (t.equals("}") || t.equals(")")) {
        depth--;
      } else if (t.equals(";") && depth == 0) {
        return j;
      }
      j++;
    }
    return j;
  }

  /** Replaces type names by their (parenthesised) definitions; labels are left alone. */
  private static List<String> expand(List<String> toks, Map<String, List<String>> defs, Set<String> active)
      throws CandidSyntaxException {
    List<String> out = new ArrayList<>();
    Deque<String> braces = new ArrayDeque<>();
    for (int i = 0; i < toks.size(); i++) {
      String t = toks.get(i);
      String prev = i > 0 ? toks.get(i - 1) : "";
      String next = i + 1 < toks.size() ? toks.get(i + 1) : "";
      if (t.equals("{")) {
        braces.push(prev);
      } else if (t.equals("}") && !braces.isEmpty()) {
        braces.pop();
      }
      boolean label = next.equals(":")
          || "variant".equals(braces.peek()) && (prev.equals("{") || prev.equals(";")) && (next.equals(";") || next.equals("}"));
      if (!label && defs.containsKey(t)) {
        if (!active.add(t)) {
          throw new CandidSyntaxException("recursive type '" + t + "' is not supported", 0);
        }
        out.add("(");
        out.addAll(expand(defs.get(t), defs, active));
        out.add(")");
        active.remove(t);
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /** Tokens: identifiers/numbers, quoted strings (kept with their quotes), and single punctuation marks. */
  private static List<String> lex(String s) throws CandidSyntaxException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int e = s.indexOf("*/", i + 2);
        if (e < 0) {
          throw new CandidSyntaxException("unterminated comment", i);
        }
        i = e + 2;
      } else if (c == '"') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= s.length()) {
          throw new CandidSyntaxException("unterminated string", i);
        }
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (s.startsWith("->", i)) {
        out.add("->");
        i += 2;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }
}
