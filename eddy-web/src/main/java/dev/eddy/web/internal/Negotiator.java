package dev.eddy.web.internal;

import static dev.eddy.web.internal.ContentType.skipOws;
import static dev.eddy.web.internal.ContentType.skipValue;
import static dev.eddy.web.internal.ContentType.trailingOws;

import dev.eddy.web.internal.ContentType.Params;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * HTTP proactive content negotiation with the semantics of the npm package {@code negotiator}
 * 1.1.0: {@code Accept}, {@code Accept-Charset}, {@code Accept-Encoding} and {@code
 * Accept-Language} parsed as content-type 2.1.0 parses comma-separated values, q-values read with
 * JavaScript's {@code parseFloat}, matches ranked by quality, then specificity, then the position of
 * the matching header entry, then the position of the offer.
 *
 * <p>A null header stands for an absent one (JavaScript's {@code undefined}): all media types,
 * charsets and languages are then acceptable, and for encodings only {@code identity}. An empty
 * header accepts nothing (but {@code identity}). Offers must be non-null strings; the returned
 * lists contain the offers as given (never copies with other casing). Offers are not validated:
 * a media type offer without a slash simply never matches.
 *
 * <p>All methods are static and thread-safe; they allocate only small per-call state.
 */
public final class Negotiator {
  private Negotiator() {}

  // ---- media types

  /**
   * negotiator's {@code mediaTypes(available)}: the offers the {@code Accept} header accepts
   * (q &gt; 0), best first. With {@code available == null}, the header's own media ranges with q
   * &gt; 0 in preference order (as written, {@code type/subtype} without parameters).
   *
   * @param accept the {@code Accept} header value, or null when absent (then {@code *}{@code /*})
   * @param available the offers, or null for "list what the header accepts"
   * @return a new mutable list
   * @throws NullPointerException if {@code available} contains null
   */
  public static List<String> mediaTypes(String accept, List<String> available) {
    List<MediaSpec> accepts = parseMediaAccept(accept == null ? "*/*" : accept);
    if (available == null) {
      return headerOrder(accepts);
    }
    List<Priority> priorities = new ArrayList<>(available.size());
    for (int index = 0; index < available.size(); index++) {
      Priority p = mediaPriority(available.get(index), accepts, index);
      if (p != null && p.q > 0) priorities.add(p);
    }
    return sortedOffers(priorities, available);
  }

  /**
   * negotiator's {@code mediaType(available)}: the first element {@link #mediaTypes} would return,
   * without sorting; null when none is acceptable.
   *
   * @throws NullPointerException if {@code available} contains null
   */
  public static String mediaType(String accept, List<String> available) {
    List<MediaSpec> accepts = parseMediaAccept(accept == null ? "*/*" : accept);
    if (available == null) {
      List<String> all = headerOrder(accepts);
      return all.isEmpty() ? null : all.get(0);
    }
    Priority best = null;
    for (int index = 0; index < available.size(); index++) {
      Priority p = mediaPriority(available.get(index), accepts, index);
      if (p != null && p.q > 0 && (best == null || SPECS.compare(p, best) < 0)) best = p;
    }
    return best == null ? null : available.get(best.i);
  }

  private static final class MediaSpec extends Spec {
    final String type;
    final String subtype;
    final String typeLower;
    final String subtypeLower;
    /** Parameters other than q, or null when there are none. */
    final Params params;

    MediaSpec(String full, String type, String subtype, Params params, double q, int i) {
      super(full, q, i);
      this.type = type;
      this.subtype = subtype;
      this.typeLower = type.toLowerCase(Locale.ROOT);
      this.subtypeLower = subtype.toLowerCase(Locale.ROOT);
      this.params = params;
    }
  }

  private static List<MediaSpec> parseMediaAccept(String h) {
    List<MediaSpec> out = new ArrayList<>(4);
    int len = h.length();
    int index = 0;
    int i = 0;
    while (index < len) {
      int start = skipOws(h, index, len);
      int valueEnd = skipValue(h, start, len, ',');
      String type = originalCaseType(h, start, trailingOws(h, start, valueEnd));
      int end = valueEnd;
      Params params = null;
      if (valueEnd < len && h.charAt(valueEnd) == ';') {
        params = new Params(Params.SPLIT_Q);
        end = ContentType.scanParameters(h, valueEnd, ',', params);
      }
      int slash = type.indexOf('/');
      if (slash >= 0) {
        double q = params != null && params.qTruthy() ? params.qValue() : 1;
        if (params != null && params.size == 0) params = null;
        out.add(
            new MediaSpec(
                type, type.substring(0, slash), type.substring(slash + 1), params, q, i));
      }
      i++;
      index = end + 1;
    }
    return out;
  }

  private static Priority mediaPriority(String offer, List<MediaSpec> accepts, int index) {
    // The offer is parsed as a whole Content-Type value: lower-cased type, parameters (q dropped).
    int len = offer.length();
    int start = skipOws(offer, 0, len);
    int valueEnd = skipValue(offer, start, len, ContentType.NO_STOP);
    String full = ContentType.lower(offer, start, trailingOws(offer, start, valueEnd));
    int slash = full.indexOf('/');
    if (slash < 0) return null;
    Params offerParams = null;
    int subtypeLength = full.length() - slash - 1;
    Priority best = null;
    for (int a = 0; a < accepts.size(); a++) {
      MediaSpec spec = accepts.get(a);
      int s = 0;
      String t = spec.typeLower;
      if (t.length() == slash && full.startsWith(t)) {
        s |= 4;
      } else if (!spec.type.equals("*")) {
        continue;
      }
      String st = spec.subtypeLower;
      if (st.length() == subtypeLength && full.startsWith(st, slash + 1)) {
        s |= 2;
      } else if (!spec.subtype.equals("*")) {
        continue;
      }
      if (spec.params != null) {
        if (offerParams == null) {
          offerParams = new Params(Params.SPLIT_Q);
          ContentType.scanParameters(offer, valueEnd, ContentType.NO_STOP, offerParams);
        }
        if (!paramsMatch(spec.params, offerParams)) continue;
        s |= 1;
      }
      best = consider(best, offer, s, spec.q, spec.i, index);
    }
    return best;
  }

  private static boolean paramsMatch(Params wanted, Params offered) {
    for (int k = 0; k < wanted.size; k++) {
      String value = wanted.values[k];
      if (value.equals("*")) continue;
      String have = offered.get(wanted.keys[k]);
      if (!lowerEquals(value, have == null ? "" : have)) return false;
    }
    return true;
  }

  // ---- charsets

  /**
   * negotiator's {@code charsets(available)}: the offers {@code Accept-Charset} accepts, best
   * first; with {@code available == null} the header's charsets with q &gt; 0 in preference order.
   *
   * @param acceptCharset the header value, or null when absent (then {@code *})
   * @return a new mutable list
   * @throws NullPointerException if {@code available} contains null
   */
  public static List<String> charsets(String acceptCharset, List<String> available) {
    List<Spec> accepts = parseSimple(acceptCharset == null ? "*" : acceptCharset);
    if (available == null) return headerOrder(accepts);
    return sortedOffers(simplePriorities(accepts, available), available);
  }

  /**
   * The first element of {@link #charsets}, or null.
   *
   * @throws NullPointerException if {@code available} contains null
   */
  public static String charset(String acceptCharset, List<String> available) {
    List<String> all = charsets(acceptCharset, available);
    return all.isEmpty() ? null : all.get(0);
  }

  // ---- encodings

  /**
   * negotiator's {@code encodings(available, {preferred})}: the offers {@code Accept-Encoding}
   * accepts, best first. {@code identity} is acceptable unless the header names it (or {@code *})
   * with q=0: when neither appears, it is added with the lowest q in the header (q=0 and invalid q
   * counting as 1). Among equal q, offers listed in {@code preferred} come first in its order,
   * before the others (ranked by specificity and position). With {@code available == null}, the
   * header's encodings (plus that implicit identity) with q &gt; 0.
   *
   * @param acceptEncoding the header value, or null when absent (treated as empty: only identity)
   * @param available the offers, or null for "list what the header accepts"
   * @param preferred the server's preference order (case-sensitive, exact strings), or null
   * @return a new mutable list
   * @throws NullPointerException if {@code available} contains null
   */
  public static List<String> encodings(
      String acceptEncoding, List<String> available, List<String> preferred) {
    List<Spec> accepts = parseEncodingAccept(acceptEncoding == null ? "" : acceptEncoding);
    Comparator<Spec> order = preferred == null ? SPECS : preferredOrder(preferred);
    if (available == null) {
      List<Spec> kept = new ArrayList<>(accepts.size());
      for (Spec s : accepts) if (s.q > 0) kept.add(s);
      kept.sort(preferred == null ? HEADER_ORDER : order);
      List<String> out = new ArrayList<>(kept.size());
      for (Spec s : kept) out.add(s.value);
      return out;
    }
    List<Priority> priorities = simplePriorities(accepts, available);
    priorities.sort(order);
    List<String> out = new ArrayList<>(priorities.size());
    for (Priority p : priorities) out.add(available.get(p.i));
    return out;
  }

  /**
   * The first element of {@link #encodings}, or null.
   *
   * @throws NullPointerException if {@code available} contains null
   */
  public static String encoding(
      String acceptEncoding, List<String> available, List<String> preferred) {
    List<String> all = encodings(acceptEncoding, available, preferred);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<Spec> parseEncodingAccept(String h) {
    Entries out = parseSimple(h);
    boolean hasIdentity = false;
    double minQuality = 1;
    for (Spec s : out) {
      if (!hasIdentity && (s.value.equals("*") || lowerEquals(s.value, "identity"))) {
        hasIdentity = true;
      }
      // JavaScript's `q || 1`: 0 and NaN count as 1 here.
      double q = s.q == 0 || Double.isNaN(s.q) ? 1 : s.q;
      minQuality = Math.min(minQuality, q);
    }
    if (!hasIdentity) out.add(new Spec("identity", minQuality, out.raw));
    return out;
  }

  private static Comparator<Spec> preferredOrder(List<String> preferred) {
    return (a, b) -> {
      if (a.q != b.q && !(Double.isNaN(a.q) && Double.isNaN(b.q))) {
        return jsSign(b.q - a.q);
      }
      int ap = preferred.indexOf(a.value);
      int bp = preferred.indexOf(b.value);
      if (ap == -1 && bp == -1) {
        if (a instanceof Priority pa && b instanceof Priority pb) return compareRest(pa, pb);
        return Integer.compare(a.i, b.i);
      }
      if (ap != -1 && bp != -1) return Integer.compare(ap, bp);
      return ap == -1 ? 1 : -1;
    };
  }

  // ---- languages

  /**
   * negotiator's {@code languages(available)}: the offers {@code Accept-Language} accepts, best
   * first. An exact tag match beats a header entry whose prefix is the offer ({@code en-US}
   * accepting offer {@code en}), which beats a header entry equal to the offer's prefix ({@code en}
   * accepting {@code en-US}); {@code *} matches anything least specifically. With {@code available
   * == null}, the header's tags with q &gt; 0 in preference order.
   *
   * @param acceptLanguage the header value, or null when absent (then {@code *})
   * @return a new mutable list
   * @throws NullPointerException if {@code available} contains null
   */
  public static List<String> languages(String acceptLanguage, List<String> available) {
    List<Spec> accepts = parseSimple(acceptLanguage == null ? "*" : acceptLanguage);
    if (available == null) return headerOrder(accepts);
    List<Priority> priorities = new ArrayList<>(available.size());
    for (int index = 0; index < available.size(); index++) {
      Priority p = languagePriority(available.get(index), accepts, index);
      if (p != null && p.q > 0) priorities.add(p);
    }
    return sortedOffers(priorities, available);
  }

  /**
   * The first element of {@link #languages}, or null.
   *
   * @throws NullPointerException if {@code available} contains null
   */
  public static String language(String acceptLanguage, List<String> available) {
    List<String> all = languages(acceptLanguage, available);
    return all.isEmpty() ? null : all.get(0);
  }

  private static Priority languagePriority(String offer, List<Spec> accepts, int index) {
    String full = ContentType.typeOf(offer);
    if (full.isEmpty()) return null;
    int hyphen = full.indexOf('-');
    String prefix = hyphen < 0 ? full : full.substring(0, hyphen);
    Priority best = null;
    for (int a = 0; a < accepts.size(); a++) {
      Spec spec = accepts.get(a);
      String specFull = spec.lower();
      int s;
      if (specFull.equals(full)) {
        s = 4;
      } else if (spec.lowerPrefix().equals(full)) {
        s = 2;
      } else if (specFull.equals(prefix)) {
        s = 1;
      } else if (spec.value.equals("*")) {
        s = 0;
      } else {
        continue;
      }
      best = consider(best, offer, s, spec.q, spec.i, index);
    }
    return best;
  }

  // ---- shared machinery

  /** A header entry: the value as written (trimmed), its q and its position among all entries. */
  private static class Spec {
    final String value;
    final double q;
    final int i;
    private String lower;
    private String lowerPrefix;

    Spec(String value, double q, int i) {
      this.value = value;
      this.q = q;
      this.i = i;
    }

    String lower() {
      String l = lower;
      if (l == null) lower = l = value.toLowerCase(Locale.ROOT);
      return l;
    }

    /** The lower-cased part before the first hyphen of the tag as written. */
    String lowerPrefix() {
      String p = lowerPrefix;
      if (p == null) {
        int hyphen = value.indexOf('-');
        lowerPrefix = p = hyphen < 0 ? lower() : value.substring(0, hyphen).toLowerCase(Locale.ROOT);
      }
      return p;
    }
  }

  /**
   * How well one offer is accepted: the best-ranked matching header entry's q, specificity {@code
   * s} and position {@code o}; {@code i} is the offer's position and {@code value} the offer.
   */
  private static final class Priority extends Spec {
    final int s;
    final int o;

    Priority(String offer, double q, int s, int o, int i) {
      super(offer, q, i);
      this.s = s;
      this.o = o;
    }
  }

  /** Header entries with a non-empty value, and how many entries (empty ones too) there were. */
  @SuppressWarnings("serial")
  private static final class Entries extends ArrayList<Spec> {
    int raw;

    Entries() {
      super(4);
    }
  }

  /** Charset, encoding and language entries: the value and its q, nothing else kept. */
  private static Entries parseSimple(String h) {
    Entries out = new Entries();
    int len = h.length();
    int index = 0;
    int i = 0;
    Params params = null;
    while (index < len) {
      int start = skipOws(h, index, len);
      int valueEnd = skipValue(h, start, len, ',');
      int typeEnd = trailingOws(h, start, valueEnd);
      int end = valueEnd;
      double q = 1;
      if (valueEnd < len && h.charAt(valueEnd) == ';') {
        if (params == null) params = new Params(Params.Q_ONLY);
        else params.reset();
        end = ContentType.scanParameters(h, valueEnd, ',', params);
        if (params.qTruthy()) q = params.qValue();
      }
      if (typeEnd > start) out.add(new Spec(originalCaseType(h, start, typeEnd), q, i));
      i++;
      index = end + 1;
    }
    out.raw = i;
    return out;
  }

  private static List<Priority> simplePriorities(List<Spec> accepts, List<String> available) {
    List<Priority> priorities = new ArrayList<>(available.size());
    for (int index = 0; index < available.size(); index++) {
      String offer = available.get(index);
      String offerLower = offer.toLowerCase(Locale.ROOT);
      Priority best = null;
      for (int a = 0; a < accepts.size(); a++) {
        Spec spec = accepts.get(a);
        int s;
        if (spec.lower().equals(offerLower)) {
          s = 1;
        } else if (spec.value.equals("*")) {
          s = 0;
        } else {
          continue;
        }
        best = consider(best, offer, s, spec.q, spec.i, index);
      }
      if (best != null && best.q > 0) priorities.add(best);
    }
    return priorities;
  }

  /**
   * negotiator's running "is this entry a better match than the best so far" test, {@code
   * (best.s - s || best.q - q || best.o - o) < 0} with JavaScript's {@code ||} on numbers; the
   * initial best is {s: 0, q: 0, o: -1}.
   */
  private static Priority consider(
      Priority best, String offer, int s, double q, int o, int index) {
    int bs = best == null ? 0 : best.s;
    double bq = best == null ? 0 : best.q;
    int bo = best == null ? -1 : best.o;
    boolean better;
    if (bs != s) {
      better = bs - s < 0;
    } else {
      double dq = bq - q;
      better = dq != 0 && !Double.isNaN(dq) ? dq < 0 : bo - o < 0;
    }
    return better ? new Priority(offer, q, s, o, index) : best;
  }

  /** negotiator's compareSpecs over priorities: q desc, specificity desc, entry pos, offer pos. */
  private static final Comparator<Spec> SPECS =
      (a, b) -> {
        int c = jsSign(b.q - a.q);
        if (c != 0) return c;
        return compareRest((Priority) a, (Priority) b);
      };

  private static int compareRest(Priority a, Priority b) {
    if (a.s != b.s) return b.s > a.s ? 1 : -1;
    if (a.o != b.o) return a.o < b.o ? -1 : 1;
    return Integer.compare(a.i, b.i);
  }

  /** compareSpecs over bare header entries, whose s and o are undefined (NaN) in JavaScript. */
  private static final Comparator<Spec> HEADER_ORDER =
      (a, b) -> {
        int c = jsSign(b.q - a.q);
        return c != 0 ? c : Integer.compare(a.i, b.i);
      };

  /** The sign of a JavaScript comparator result: NaN counts as "equal" like 0. */
  private static int jsSign(double d) {
    return d > 0 ? 1 : d < 0 ? -1 : 0;
  }

  private static List<String> headerOrder(List<? extends Spec> accepts) {
    List<Spec> kept = new ArrayList<>(accepts.size());
    for (Spec s : accepts) if (s.q > 0) kept.add(s);
    kept.sort(HEADER_ORDER);
    List<String> out = new ArrayList<>(kept.size());
    for (Spec s : kept) out.add(s.value);
    return out;
  }

  private static List<String> sortedOffers(List<Priority> priorities, List<String> available) {
    priorities.sort(SPECS);
    List<String> out = new ArrayList<>(priorities.size());
    for (Priority p : priorities) out.add(available.get(p.i));
    return out;
  }

  /**
   * The entry's text as negotiator returns it: content-type lower-cases the type and negotiator
   * slices the original header over the lower-cased length, which differs only when lower-casing
   * changes the length (a dotted capital I).
   */
  private static String originalCaseType(String h, int start, int end) {
    for (int k = start; k < end; k++) {
      if (h.charAt(k) >= 0x80) {
        int lowerLength = h.substring(start, end).toLowerCase(Locale.ROOT).length();
        return h.substring(start, Math.min(start + lowerLength, h.length()));
      }
    }
    return h.substring(start, end);
  }

  /** JavaScript's {@code a.toLowerCase() == b.toLowerCase()}. */
  static boolean lowerEquals(String a, String b) {
    if (a.length() == b.length() && isAscii(a) && isAscii(b)) return a.equalsIgnoreCase(b);
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private static boolean isAscii(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) >= 0x80) return false;
    }
    return true;
  }

  // ---- JavaScript number parsing

  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < POW10.length; k++) {
      POW10[k] = p;
      p *= 10;
    }
  }

  /**
   * JavaScript's {@code parseFloat} of {@code s.substring(from, to)}: leading white space skipped,
   * then the longest prefix that is a decimal literal (optional sign, digits with optional
   * fraction and exponent, or {@code Infinity}); NaN when there is none.
   */
  static double parseFloat(String s, int from, int to) {
    int i = from;
    while (i < to && MimeTypes.isJsWhitespace(s.charAt(i))) i++;
    int start = i;
    boolean negative = false;
    if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (to - i >= 8 && s.startsWith("Infinity", i)) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    long mantissa = 0;
    int digits = 0;
    int intStart = i;
    while (i < to && isDigit(s.charAt(i))) {
      if (digits > 0 || s.charAt(i) != '0') digits++;
      mantissa = mantissa * 10 + (s.charAt(i) - '0');
      i++;
    }
    int intDigits = i - intStart;
    int fracDigits = 0;
    if (i < to && s.charAt(i) == '.') {
      int j = i + 1;
      while (j < to && isDigit(s.charAt(j))) {
        if (digits > 0 || s.charAt(j) != '0') digits++;
        mantissa = mantissa * 10 + (s.charAt(j) - '0');
        j++;
      }
      fracDigits = j - (i + 1);
      if (intDigits > 0 || fracDigits > 0) i = j;
    }
    if (intDigits == 0 && fracDigits == 0) return Double.NaN;
    boolean exponent = false;
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < to && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
      int k = j;
      while (k < to && isDigit(s.charAt(k))) k++;
      if (k > j) {
        i = k;
        exponent = true;
      }
    }
    // Exact operands make one IEEE division the correctly rounded result, as parseDouble's is.
    if (!exponent && digits <= 15 && fracDigits < POW10.length) {
      double v = mantissa / POW10[fracDigits];
      return negative ? -v : v;
    }
    return Double.parseDouble(s.substring(start, i));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
