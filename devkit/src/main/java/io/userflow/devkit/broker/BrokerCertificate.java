package io.userflow.devkit.broker;

import io.userflow.process.JavaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate for 127.0.0.1 and localhost, made with the JDK's keytool: the broker's PKCS12 key
 * store, and the certificate as PEM, which is the CA a client trusts (Kafka's {@code ssl.truststore.type=PEM}).
 *
 * @param keystore PKCS12 key store with the key and the certificate
 * @param password the key store's (and key's) password
 * @param pem the certificate, PEM
 */
public record BrokerCertificate(Path keystore, String password, String pem) {

  /** Creates {@code broker.p12} and {@code ca.pem} in {@code dir}, valid for a week. */
  public static BrokerCertificate create(Path dir) {
    Path keystore = dir.resolve("broker.p12");
    String password = UUID.randomUUID().toString();
    keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
    Path pem = dir.resolve("ca.pem");
    keytool(dir, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
        "-file", pem.toString());
    try {
      return new BrokerCertificate(keystore, password, Files.readString(pem, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(JavaCommand.currentJava().resolveSibling("keytool").toString());
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("keytool.log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " failed: " + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
