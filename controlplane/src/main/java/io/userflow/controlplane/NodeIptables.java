package io.userflow.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The iptables chains a node may add (KUBE-* from the kubelet or kube-proxy, CNI-* from the CNI plugins) and their
 * removal: jumps to them first, then the chains flushed and deleted. Chains are named "iptables/table/CHAIN".
 */
final class NodeIptables {
  private static final List<String> TABLES = List.of("filter", "nat", "mangle");
  private static final List<String> IPTABLES = List.of("iptables", "ip6tables");

  private NodeIptables() {}

  /** The chains named KUBE-* or CNI-* that were not there before. */
  static Set<String> addedSince(Set<String> before) {
    Set<String> added = chains();
    added.removeAll(before);
    added.removeIf(c -> !ours(c));
    return added;
  }

  /** Every chain as "iptables/table/CHAIN". */
  static Set<String> chains() {
    Set<String> all = new TreeSet<>();
    for (String ipt : IPTABLES) {
      for (String table : TABLES) {
        for (String line : NodeHost.run(ipt + "-save", "-t", table).lines().toList()) {
          if (line.startsWith(":")) {
            all.add(ipt + "/" + table + "/" + line.substring(1).split(" ")[0]);
          }
        }
      }
    }
    return all;
  }

  static boolean ours(String chain) {
    String name = chain.substring(chain.lastIndexOf('/') + 1);
    return name.startsWith("KUBE-") || name.startsWith("CNI-");
  }

  /** Jumps to a new KUBE-/CNI- chain are deleted first, then the chains are flushed, then deleted. */
  static void removeAddedSince(Set<String> before) {
    Set<String> added = addedSince(before);
    for (String chain : added) {
      String[] c = chain.split("/");
      List<String> rules = NodeHost.run(c[0] + "-save", "-t", c[1]).lines().filter(l -> l.startsWith("-A ")).toList();
      for (String rule : rules) {
        List<String> words = words(rule);
        int j = words.indexOf("-j");
        String from = c[0] + "/" + c[1] + "/" + words.get(1);
        if (j > 0 && j + 1 < words.size() && words.get(j + 1).equals(c[2]) && !added.contains(from)) {
          List<String> delete = new ArrayList<>(List.of(c[0], "-t", c[1], "-D"));
          delete.addAll(words.subList(1, words.size()));
          NodeHost.run(delete.toArray(String[]::new));
        }
      }
    }
    for (String op : List.of("-F", "-X")) {
      added.stream().map(chain -> chain.split("/")).forEach(c -> NodeHost.run(c[0], "-t", c[1], op, c[2]));
    }
  }

  /** The words of one iptables-save rule line, double-quoted arguments (comments) kept whole. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\\' && quoted && i + 1 < line.length()) {
        w.append(line.charAt(++i));
      } else if (ch == '"') {
        quoted = !quoted;
        any = true;
      } else if (ch == ' ' && !quoted) {
        if (any || w.length() > 0) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(ch);
      }
    }
    if (any || w.length() > 0) {
      words.add(w.toString());
    }
    return words;
  }
}
