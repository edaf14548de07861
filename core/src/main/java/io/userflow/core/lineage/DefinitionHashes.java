package io.userflow.core.lineage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes a definition's lineage records ({@code userflow.events-hash}, {@code userflow.definition-hash}). */
public final class DefinitionHashes {
  private DefinitionHashes() {}

  /** The first {@code bytes} bytes of SHA-256 over {@code text} (UTF-8), as lower-case hex. */
  public static String sha256Hex(String text, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
