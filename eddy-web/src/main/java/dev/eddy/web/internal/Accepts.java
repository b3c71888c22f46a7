package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the npm package {@code accepts} 2.0.0 when called with offers, i.e. what {@code
 * req.accepts(...)}, {@code req.acceptsCharsets(...)}, {@code req.acceptsEncodings(...)} and
 * {@code req.acceptsLanguages(...)} return: the winning offer as given, or null for Express's
 * {@code false}. Called without offers those methods return the header's accepted values, which
 * are {@link Negotiator}'s lists with {@code available == null}. All methods are static and
 * thread-safe.
 */
public final class Accepts {
  private Accepts() {}

  /**
   * {@code accepts(req).types(offers)}: the best offer for the {@code Accept} header. Offers
   * without a {@code /} are extensions or shorthands ({@code "json"}, {@code "html"}) looked up with
   * {@link MimeTypes#lookup} (unknown ones are ignored); others are media types, possibly with
   * parameters. The offer is returned as given; when two offers map to the same type the first
   * wins. With no or an empty header, the first offer is returned whatever it is.
   *
   * @param acceptHeader the {@code Accept} header value, or null when absent
   * @param offers at least one offer, no null elements
   * @return the winning offer, or null when none is acceptable
   * @throws IllegalArgumentException if {@code offers} is null or empty (use {@link
   *     Negotiator#mediaTypes} with {@code available == null} for the header's own list)
   */
  public static String type(String acceptHeader, List<String> offers) {
    requireOffers(offers);
    if (acceptHeader == null || acceptHeader.isEmpty()) return offers.get(0);
    int n = offers.size();
    List<String> mimes = new ArrayList<>(n);
    List<String> valid = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String offer = offers.get(i);
      String mime = offer.indexOf('/') == -1 ? MimeTypes.lookup(offer) : offer;
      mimes.add(mime);
      if (mime != null) valid.add(mime);
    }
    String first = Negotiator.mediaType(acceptHeader, valid);
    return first == null || first.isEmpty() ? null : offers.get(mimes.indexOf(first));
  }

  /**
   * {@code accepts(req).charsets(offers)}: the best offer for {@code Accept-Charset} (absent:
   * everything is acceptable, so the first offer), or null.
   *
   * @throws IllegalArgumentException if {@code offers} is null or empty
   */
  public static String charset(String header, List<String> offers) {
    requireOffers(offers);
    return orNull(Negotiator.charsets(header, offers));
  }

  /**
   * {@code accepts(req).encodings(offers)}: the best offer for {@code Accept-Encoding}, or null.
   * {@code identity} is acceptable unless excluded (see {@link Negotiator#encodings}); an absent
   * header accepts only {@code identity}.
   *
   * @throws IllegalArgumentException if {@code offers} is null or empty
   */
  public static String encoding(String header, List<String> offers) {
    requireOffers(offers);
    return orNull(Negotiator.encodings(header, offers, null));
  }

  /**
   * {@code accepts(req).languages(offers)}: the best offer for {@code Accept-Language} (absent:
   * the first offer), or null.
   *
   * @throws IllegalArgumentException if {@code offers} is null or empty
   */
  public static String language(String header, List<String> offers) {
    requireOffers(offers);
    return orNull(Negotiator.languages(header, offers));
  }

  private static void requireOffers(List<String> offers) {
    if (offers == null || offers.isEmpty()) {
      throw new IllegalArgumentException("no offers: use Negotiator's lists instead");
    }
  }

  /** {@code list[0] || false}: an empty winner is falsy too. */
  private static String orNull(List<String> ranked) {
    if (ranked.isEmpty()) return null;
    String first = ranked.get(0);
    return first.isEmpty() ? null : first;
  }
}
