package io.userflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peak heap and resident set size of this JVM over one measured piece of work: {@link #start} after a GC, read
 * after the work.
 */
final class MemoryPeaks {
  private final List<MemoryPoolMXBean> heap;

  private MemoryPeaks(List<MemoryPoolMXBean> heap) {
    this.heap = heap;
  }

  /** Collects garbage, then resets the heap pools' peaks and the kernel's RSS peak. */
  static MemoryPeaks start(String who) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    try {
      // Linux 4.0+: "5" to clear_refs resets VmHWM
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      System.err.println(who + ": cannot reset the RSS peak (" + e.getMessage() + "); VmHWM covers the whole JVM");
    }
    return new MemoryPeaks(heap);
  }

  /** The sum of each heap pool's own peak: an upper bound of the heap's peak (the pools peak at different times). */
  long heapBytes() {
    return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** VmHWM, the peak resident set size since {@link #start}, in bytes; -1 where /proc is missing. */
  long rssBytes() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
