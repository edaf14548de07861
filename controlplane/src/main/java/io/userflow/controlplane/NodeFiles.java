package io.userflow.controlplane;

import java.nio.file.Path;

/**
 * The configuration files of the one-node cluster, as text: containerd's (CRI plugin included), the CNI network and
 * the kubelet's. Pure: paths and ports in, file contents out; {@link Node} writes and uses them.
 *
 * @param dir the node's folder: containerd's root, state and socket, the kubelet's root and the CNI state live here
 * @param cgroupRoot the cgroup (same path in every v1 controller) the kubelet puts pods under
 * @param sandboxImage the pod sandbox image, already imported (containerd never pulls it)
 * @param kubeletPort the kubelet's HTTPS port (logs, exec), on 127.0.0.1 (the API server reaches it there by the
 *     node's hostname)
 * @param healthzPort the kubelet's plain-HTTP /healthz port on 127.0.0.1
 * @param dnsReadyPort CoreDNS's plain-HTTP /ready port on 127.0.0.1
 */
record NodeFiles(Path dir, String cgroupRoot, String sandboxImage, int kubeletPort, int healthzPort,
    int dnsReadyPort) {
  /** The bridge every pod's veth is plugged into; the name says whose it is when it is left behind. */
  static final String BRIDGE = "userflow0";
  /** The CNI network name (libcni caches results under /var/lib/cni/results/&lt;network&gt;-…). */
  static final String NETWORK = "userflow";
  static final String POD_SUBNET = "10.244.0.0/24";
  /** The bridge's own address: the pods' gateway, and where CoreDNS listens (a host process; see {@link #corefile}). */
  static final String BRIDGE_ADDRESS = "10.244.0.1";

  Path containerdSocket() {
    return dir.resolve("containerd.sock");
  }

  Path cniConfDir() {
    return dir.resolve("cni/net.d");
  }

  Path kubeletRoot() {
    return dir.resolve("kubelet");
  }

  /**
   * containerd 1.6, config version 2. {@code restrict_oom_score_adj}: the sandbox's root lacks CAP_SYS_RESOURCE, so
   * runc may only raise a container's oom_score_adj, never lower it below its own. The runc runtime uses cgroupfs,
   * as the kubelet does.
   */
  String containerdConfig() {
    return """
        version = 2
        root = "%1$s/containerd/root"
        state = "%1$s/containerd/state"
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", \
        "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", \
        "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

        [grpc]
          address = "%2$s"

        [plugins."io.containerd.internal.v1.opt"]
          path = "%1$s/containerd/opt"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          restrict_oom_score_adj = true
          enable_selinux = false
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%4$s"
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                BinaryName = "/usr/sbin/runc"
                SystemdCgroup = false
        """.formatted(dir, containerdSocket(), sandboxImage, cniConfDir());
  }

  /**
   * A bridge with host-local addresses, its state in our folder. No IP masquerade and no portmap: pods reach the
   * host on the bridge's address, and nothing adds NAT chains.
   */
  String cniConfig() {
    return """
        {
          "cniVersion": "0.4.0",
          "name": "%s",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "%s"
              }
            }
          ]
        }
        """.formatted(NETWORK, BRIDGE, POD_SUBNET, dir.resolve("cni/ipam"));
  }

  /**
   * The kubelet on this cgroup-v1 host without CAP_SYS_RESOURCE or systemd: v1 allowed, cgroupfs, swap tolerated,
   * pods inside our own cgroup. No iptables utility chains (its KUBE-FIREWALL drops non-local traffic to 127/8),
   * anonymous access to its API on 127.0.0.1 only (what {@code kubectl logs} goes through), eviction and image GC
   * thresholds that a shared disk cannot trip, so an imported image is never collected.
   */
  String kubeletConfig() {
    return """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        failCgroupV1: false
        cgroupDriver: cgroupfs
        cgroupRoot: %1$s
        failSwapOn: false
        containerRuntimeEndpoint: unix://%2$s
        address: 127.0.0.1
        port: %3$d
        readOnlyPort: 0
        healthzBindAddress: 127.0.0.1
        healthzPort: %4$d
        authentication:
          anonymous: {enabled: true}
          webhook: {enabled: false}
        authorization: {mode: AlwaysAllow}
        makeIPTablesUtilChains: false
        podLogsDir: %5$s/pod-logs
        volumePluginDir: %5$s/volume-plugins
        evictionHard: {memory.available: 100Mi, nodefs.available: 1%%, imagefs.available: 1%%, nodefs.inodesFree: 1%%}
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        serializeImagePulls: false
        clusterDomain: cluster.local
        clusterDNS: [%6$s]
        """.formatted(cgroupRoot, containerdSocket(), kubeletPort, healthzPort, dir, BRIDGE_ADDRESS);
  }

  /**
   * CoreDNS as a host process on the bridge's address, its kubernetes plugin on the admin kubeconfig: the API
   * server listens on 127.0.0.1 only, which a pod cannot reach. No forwarding: the cluster's names only.
   */
  String corefile(Path kubeconfig) {
    return """
        .:53 {
            bind %s
            errors
            ready 127.0.0.1:%d
            kubernetes cluster.local in-addr.arpa ip6.arpa {
                kubeconfig %s userflow
                pods insecure
                fallthrough in-addr.arpa ip6.arpa
            }
            cache 30
        }
        """.formatted(BRIDGE_ADDRESS, dnsReadyPort, kubeconfig);
  }
}
