package io.userflow.testing.objectstore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two S3 calls the tests make themselves (create a bucket, list keys), signed with AWS signature version 2,
 * which S3Proxy accepts. Spark, Iceberg and Trino use their own S3 clients; this only sets up and inspects.
 */
final class S3V2Client {
  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
  private static final Pattern TRUNCATED = Pattern.compile("<IsTruncated>true</IsTruncated>");

  private final String endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final HttpClient http = HttpClient.newHttpClient();

  S3V2Client(String endpoint, String accessKeyId, String secretAccessKey) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  void createBucket(String bucket) {
    send("PUT", bucket, "");
  }

  List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String marker = "";
    while (true) {
      String body = send("GET", bucket, "?prefix=" + encode(prefix) + "&marker=" + encode(marker));
      Matcher m = KEY.matcher(body);
      while (m.find()) {
        keys.add(m.group(1).replace("&amp;", "&"));
      }
      if (!TRUNCATED.matcher(body).find() || keys.isEmpty()) {
        return keys;
      }
      marker = keys.get(keys.size() - 1);
    }
  }

  private String send(String method, String bucket, String query) {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    String toSign = method + "\n\n\n" + date + "\n/" + bucket;
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + query))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Date", date)
        .header("Authorization", "AWS " + accessKeyId + ":" + sign(toSign))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + request.uri() + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + request.uri(), e);
    }
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
