package io.userflow.devkit.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds a user's clean sessions: login or a landing page view, then searches, product views and cart
 * changes, sometimes a purchase, often a logout. Events in a session are seconds to minutes apart (never
 * more than {@link #MAX_EVENT_GAP}); a user's sessions are at least {@link #MIN_SESSION_GAP} apart.
 */
final class SessionGenerator {
  static final Duration MAX_EVENT_GAP = Duration.ofMinutes(10);
  static final Duration MIN_SESSION_GAP = Duration.ofMinutes(45);
  static final int PRODUCTS = 500;

  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final String[] DEVICES = {"web", "ios", "android"};
  private static final String[] LANDING = {"/", "/home", "/deals", "/category/shoes", "/category/electronics",
      "/category/books", "/category/garden"};

  private final SimulationOptions options;

  SessionGenerator(SimulationOptions options) {
    this.options = options;
  }

  static String userId(int index) {
    return padded('u', index + 1, 6);
  }

  static String productId(int index) {
    return padded('p', index + 1, 5);
  }

  /** {@code u000042}: String.format would be the simulator's hot spot. */
  private static String padded(char prefix, int n, int width) {
    String digits = Integer.toString(n);
    StringBuilder b = new StringBuilder(width + 1).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /** A fixed catalog price between 0.99 and 499.98, independent of the seed. */
  static BigDecimal priceOf(int productIndex) {
    return BigDecimal.valueOf(99 + (productIndex * 7919L) % 49900, 2);
  }

  List<List<SimEvent>> sessionsOf(int userIndex, SplittableRandom rnd) {
    String userId = userId(userIndex);
    String primaryDevice = pickDevice(rnd);
    long meanGap = (long) (DAY_MS / options.sessionsPerUserPerDay());
    long end = options.end().toEpochMilli();
    long t = options.start().toEpochMilli() + (long) (rnd.nextDouble() * meanGap);
    List<List<SimEvent>> sessions = new ArrayList<>();
    while (t < end) {
      String device = rnd.nextDouble() < 0.85 ? primaryDevice : DEVICES[rnd.nextInt(DEVICES.length)];
      List<SimEvent> s = new Session(userId, userId + "-s" + sessions.size(), device, t, rnd).play();
      sessions.add(s);
      long last = s.get(s.size() - 1).eventTime().toEpochMilli();
      t = last + MIN_SESSION_GAP.toMillis() + exponential(rnd, meanGap);
    }
    return sessions;
  }

  private static String pickDevice(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    return u < 0.5 ? "web" : u < 0.8 ? "ios" : "android";
  }

  static long exponential(SplittableRandom rnd, long mean) {
    return (long) (-Math.log(1 - rnd.nextDouble()) * mean);
  }

  static String uuid(SplittableRandom rnd) {
    long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** One session being played out: a clock, a cart and the events so far. */
  private static final class Session {
    private final String userId;
    private final String session;
    private final String device;
    private final String hint;
    private final SplittableRandom rnd;
    private final List<SimEvent> events = new ArrayList<>();
    private final List<Integer> cart = new ArrayList<>();
    private long clock;
    private int lastViewed = -1;

    Session(String userId, String session, String device, long start, SplittableRandom rnd) {
      this.userId = userId;
      this.session = session;
      this.device = device;
      this.rnd = rnd;
      this.clock = start + rnd.nextInt(1000);
      this.hint = rnd.nextDouble() < 0.7 ? "sh-" + Long.toHexString(rnd.nextLong() | (1L << 60)) : null;
    }

    List<SimEvent> play() {
      boolean loggedIn = rnd.nextDouble() < 0.4;
      if (loggedIn) {
        emit(EventType.LOGIN, "/login", null, null);
      }
      emit(EventType.PAGE_VIEW, LANDING[rnd.nextInt(LANDING.length)], null, null);
      int steps = 2 + rnd.nextInt(10);
      for (int i = 0; i < steps; i++) {
        step();
      }
      if (!cart.isEmpty() && rnd.nextDouble() < 0.45) {
        for (int product : cart.subList(0, Math.min(3, cart.size()))) {
          Integer qty = rnd.nextDouble() < 0.9 ? 1 + rnd.nextInt(3) : null;
          emit(EventType.PURCHASE, "/checkout/complete", product, qty);
        }
      }
      if (loggedIn && rnd.nextDouble() < 0.7) {
        emit(EventType.LOGOUT, "/logout", null, null);
      }
      return events;
    }

    private void step() {
      double r = rnd.nextDouble();
      if (r < 0.15) {
        emit(EventType.SEARCH, "/search", null, null);
      } else if (r < 0.55) {
        lastViewed = rnd.nextInt(PRODUCTS);
        emit(EventType.PRODUCT_VIEW, "/product/" + productId(lastViewed), lastViewed, null);
      } else if (r < 0.65) {
        emit(EventType.PAGE_VIEW, LANDING[rnd.nextInt(LANDING.length)], null, null);
      } else if (r < 0.88) {
        int product = lastViewed >= 0 ? lastViewed : rnd.nextInt(PRODUCTS);
        if (!cart.contains(product)) {
          cart.add(product);
        }
        emit(EventType.ADD_TO_CART, "/cart", product, 1 + rnd.nextInt(3));
      } else if (!cart.isEmpty()) {
        int product = cart.remove(rnd.nextInt(cart.size()));
        emit(EventType.REMOVE_FROM_CART, "/cart", product, 1);
      } else {
        emit(EventType.PAGE_VIEW, LANDING[rnd.nextInt(LANDING.length)], null, null);
      }
    }

    private void emit(EventType type, String page, Integer product, Integer quantity) {
      if (!events.isEmpty()) {
        // think time: 2 s plus an exponential tail (mean 25 s), capped well below the 30-minute session gap
        clock += Math.min(2_000 + exponential(rnd, 25_000), MAX_EVENT_GAP.toMillis());
      }
      boolean priced = product != null && type != EventType.REMOVE_FROM_CART;
      events.add(new SimEvent(uuid(rnd), userId, type, Instant.ofEpochMilli(clock), session, hint, page,
          product == null ? null : productId(product), priced ? priceOf(product) : null, quantity, device));
    }
  }
}
