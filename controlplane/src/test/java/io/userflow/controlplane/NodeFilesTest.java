package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's configuration as text: what this host needs is set, and everything stays in the node's folder. */
class NodeFilesTest {
  final NodeFiles files = new NodeFiles(Path.of("/tmp/userflow-node/n1-2"), "/process_api/abc/userflow-node-1",
      "userflow.local/pause:k", 10250, 10248, 8181);

  @Test
  void containerdKeepsItsStateInOurFolderAndNeverLowersOomScores() {
    String toml = files.containerdConfig();
    assertThat(toml).contains("root = \"/tmp/userflow-node/n1-2/containerd/root\"",
        "state = \"/tmp/userflow-node/n1-2/containerd/state\"", "address = \"/tmp/userflow-node/n1-2/containerd.sock\"",
        "sandbox_image = \"userflow.local/pause:k\"", "restrict_oom_score_adj = true",
        "conf_dir = \"/tmp/userflow-node/n1-2/cni/net.d\"", "SystemdCgroup = false");
  }

  @Test
  void theKubeletRunsOnThisCgroupV1HostInsideOurCgroupWithoutIptablesChains() {
    assertThat(files.kubeletConfig()).contains("failCgroupV1: false", "cgroupDriver: cgroupfs", "failSwapOn: false",
        "cgroupRoot: /process_api/abc/userflow-node-1", "makeIPTablesUtilChains: false",
        "containerRuntimeEndpoint: unix:///tmp/userflow-node/n1-2/containerd.sock", "address: 127.0.0.1",
        "port: 10250", "podLogsDir: /tmp/userflow-node/n1-2/pod-logs", "clusterDNS: [10.244.0.1]",
        "nodefs.available: 1%");
  }

  @Test
  void theBridgeAddsNoNatAndCoreDnsListensOnItsAddress() {
    assertThat(files.cniConfig()).contains("\"bridge\": \"userflow0\"", "\"ipMasq\": false",
        "\"dataDir\": \"/tmp/userflow-node/n1-2/cni/ipam\"").doesNotContain("portmap");
    assertThat(files.corefile(Path.of("/k/kubeconfig"))).contains("bind 10.244.0.1", "ready 127.0.0.1:8181",
        "kubeconfig /k/kubeconfig userflow").doesNotContain("forward");
  }

  @Test
  void iptablesSaveWordsKeepQuotedCommentsWhole() {
    assertThat(NodeIptables.words("-A OUTPUT -m comment --comment \"userflow node check\" -j KUBE-X"))
        .isEqualTo(List.of("-A", "OUTPUT", "-m", "comment", "--comment", "userflow node check", "-j", "KUBE-X"));
    assertThat(NodeIptables.words("-A KUBE-FIREWALL -m comment --comment \"say \\\"no\\\"\" -j DROP"))
        .containsSubsequence("say \"no\"", "-j", "DROP");
    assertThat(NodeIptables.ours("iptables/nat/CNI-abc")).isTrue();
    assertThat(NodeIptables.ours("iptables/filter/DOCKER")).isFalse();
  }
}
