package dev.eddy.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * JSON as JavaScript writes and reads it: {@code JSON.stringify} (with Express's "json spaces" and
 * "json escape" settings) over Jackson's serializers, and a {@code JSON.parse} that builds plain
 * Java values and fails with the messages of Node 20.
 *
 * <p>Writing goes through a Jackson {@link ObjectMapper} (a copy of the caller's one for {@link
 * #using}), so records, beans, annotations, naming strategies and modules work as usual, with these
 * JavaScript rules on top:
 *
 * <ul>
 *   <li>strings escaped as {@code JSON.stringify} does: only {@code "}, {@code \} and control
 *       characters ({@code \b \f \n \r \t} short, the others <code>&#92;u00xx</code> in lower
 *       case), lone surrogates as <code>&#92;udxxx</code>, everything else raw UTF-8;
 *   <li>doubles, floats and {@code BigDecimal}s printed as JavaScript prints numbers ({@link
 *       JsNumber}), NaN and infinities as {@code null}; integral types exactly;
 *   <li>{@code Optional.empty()} and {@link #UNDEFINED} are JavaScript's {@code undefined}: left
 *       out as map values or properties, {@code null} in arrays;
 *   <li>{@link Date} and {@link Instant} as {@code Date.prototype.toJSON} writes them;
 *   <li>{@code byte[]} and {@code char[]} as arrays, map keys as {@code String.valueOf(key)};
 *   <li>pretty printing exactly like {@code JSON.stringify(v, null, n)}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsJson {

  /**
   * JavaScript's {@code undefined}: a map value or property holding it is left out, an array
   * element holding it is written as {@code null}, and {@code stringify(UNDEFINED)} returns null.
   */
  public static final Object UNDEFINED = new Undefined();

  /** JSON.stringify's cap on the indentation width. */
  private static final int MAX_SPACES = 10;

  private static final JsJson STANDARD = new JsJson(new ObjectMapper(), true);

  private final ObjectMapper mapper;
  private final ObjectWriter[] writers = new ObjectWriter[MAX_SPACES + 1];

  private JsJson(ObjectMapper source, boolean standard) {
    JsonFactory base = source.getFactory();
    if (!"JSON".equals(base.getFormatName())) {
      throw new IllegalArgumentException("not a JSON mapper: " + base.getFormatName());
    }
    JsonFactory factory =
        new JsonFactoryBuilder(base)
            .characterEscapes(null)
            .highestNonEscapedChar(0)
            .quoteChar('"')
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .enable(JsonWriteFeature.QUOTE_FIELD_NAMES)
            .addDecorator((f, g) -> new JsGenerator(g))
            .build();
    ObjectMapper m = source.copyWith(factory);
    m.disable(SerializationFeature.INDENT_OUTPUT);
    m.disable(SerializationFeature.WRAP_ROOT_VALUE);
    m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    m.enable(SerializationFeature.WRITE_CHAR_ARRAYS_AS_JSON_ARRAYS);
    JsonInclude.Value inclusion = m.getSerializationConfig().getDefaultPropertyInclusion();
    Class<?> valueFilter = undefinedFilter(inclusion.getValueInclusion());
    Class<?> contentFilter = undefinedFilter(inclusion.getContentInclusion());
    m.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(
            valueFilter == null ? inclusion.getValueInclusion() : JsonInclude.Include.CUSTOM,
            contentFilter == null ? inclusion.getContentInclusion() : JsonInclude.Include.CUSTOM,
            valueFilter == null ? inclusion.getValueFilter() : valueFilter,
            contentFilter == null ? inclusion.getContentFilter() : contentFilter));
    m.getSerializerProvider().setNullKeySerializer(new KeySerializer());
    SimpleModule js = new SimpleModule("eddy-js-json");
    js.addSerializer(Undefined.class, new UndefinedSerializer());
    addOptionalSerializers(js);
    js.addSerializer(Date.class, new DateSerializer());
    js.addSerializer(Instant.class, new InstantSerializer());
    js.addSerializer(byte[].class, new ByteArraySerializer());
    js.addKeySerializer(Object.class, new KeySerializer());
    if (standard) {
      // Without a java.time module Jackson refuses these types; their ISO text is the natural
      // JavaScript-side value. A mapper given to using() keeps its own handling.
      js.addSerializer(java.time.temporal.TemporalAccessor.class, new ToStringSerializer());
      js.addSerializer(java.time.temporal.TemporalAmount.class, new ToStringSerializer());
      js.addSerializer(java.time.ZoneId.class, new ToStringSerializer());
    }
    m.registerModule(js);
    this.mapper = m;
    ObjectWriter compact = m.writer().with((PrettyPrinter) null);
    writers[0] = compact;
    for (int n = 1; n <= MAX_SPACES; n++) {
      writers[n] = compact.with(new JsPrettyPrinter(" ".repeat(n)));
    }
  }

  /** The shared instance over a default {@link ObjectMapper}. Thread-safe. */
  public static JsJson standard() {
    return STANDARD;
  }

  /**
   * An instance over a copy of {@code mapper}: its modules, naming strategy, annotations and
   * features apply, with the JavaScript rules of this class layered on top (they win where they
   * overlap). The copy's default inclusion gets "leave out undefined" added: on top of ALWAYS, or
   * of NON_NULL/NON_ABSENT (then nulls stay out too); NON_EMPTY and NON_DEFAULT already leave
   * undefined out. The given mapper is not changed. Thread-safe once built; building costs a mapper
   * copy, so keep the result.
   *
   * @throws IllegalArgumentException if {@code mapper} does not write JSON
   */
  public static JsJson using(ObjectMapper mapper) {
    return new JsJson(mapper, false);
  }

  /** The configured mapper copy this instance serializes and converts with. Do not modify it. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * {@code JSON.stringify(value, null, spaces)} as UTF-8 bytes, and with {@code escapeHtml} every
   * {@code <}, {@code >} and {@code &} then written as <code>&#92;u003c</code>, <code>&#92;u003e
   * </code> and <code>&#92;u0026</code> (Express's "json escape").
   *
   * @param spaces the indentation width: below 1 means compact output, above 10 counts as 10
   * @return the JSON bytes, or null when {@code value} is {@link #UNDEFINED} or an empty {@link
   *     Optional} (JSON.stringify returns undefined for those)
   * @throws IllegalArgumentException when Jackson cannot serialize the value (no serializer,
   *     self-reference, nesting deeper than the mapper's limits), which is where JSON.stringify
   *     throws a TypeError
   */
  public byte[] stringify(Object value, int spaces, boolean escapeHtml) {
    if (isUndefined(value)) return null;
    ObjectWriter writer = writers[Math.max(0, Math.min(MAX_SPACES, spaces))];
    byte[] out;
    try {
      out = writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot convert to JSON: " + e.getOriginalMessage(), e);
    }
    return escapeHtml ? escapeHtml(out) : out;
  }

  /**
   * {@link #stringify(Object, int, boolean)} as a string; null for {@link #UNDEFINED} and empty
   * optionals.
   *
   * @throws IllegalArgumentException as {@link #stringify(Object, int, boolean)}
   */
  public String stringifyToString(Object value, int spaces, boolean escapeHtml) {
    byte[] bytes = stringify(value, spaces, escapeHtml);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * {@code JSON.parse} of UTF-8 bytes. Malformed UTF-8 is decoded as Node's {@code
   * buffer.toString()} does (each maximal bad subsequence becomes U+FFFD); a BOM is not skipped
   * (JSON.parse rejects it, body-parser strips it before). See {@link #parse(String)} for the
   * result types.
   *
   * @throws ParseException when the text is not JSON
   * @throws IndexOutOfBoundsException when the range is outside {@code utf8}
   */
  public Object parse(byte[] utf8, int offset, int length) {
    return parse(decodeUtf8(utf8, offset, length));
  }

  /**
   * {@code JSON.parse}: objects as {@code LinkedHashMap<String,Object>} in JavaScript's property
   * order (keys that are array indices first, ascending, then the others as they came), arrays as
   * {@code ArrayList<Object>}, strings, {@code Boolean}s and null; numbers as {@code Integer} or
   * {@code Long} when integral with magnitude at most 2^53, else {@code Double} (so {@code 1.0} is
   * 1, {@code 1e400} is Infinity and {@code -0} stays the double -0.0). A repeated key keeps its
   * first place and its last value. Thread-safe.
   *
   * @throws ParseException with Node 20's message (e.g. {@code Unexpected token '}', "{"a":}" is
   *     not valid JSON} or {@code Expected ',' or '}' after property value in JSON at position 7})
   *     when the text is not JSON, including trailing non-whitespace
   */
  public Object parse(String text) {
    return new Parser(text).parseTop();
  }

  /**
   * Binds a parsed tree (or any value) to {@code type} with the mapper, as {@link
   * ObjectMapper#convertValue(Object, Class)} does. Thread-safe.
   *
   * @throws IllegalArgumentException when the value does not fit the type
   */
  public <T> T convert(Object tree, Class<T> type) {
    return mapper.convertValue(tree, type);
  }

  /** A JSON.parse failure; {@link #getMessage()} is what Node 20's SyntaxError says. */
  public static final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    ParseException(String message, int position) {
      super(message, null, false, false);
      this.position = position;
    }

    /** The UTF-16 index in the text where parsing failed (the text's length at its end). */
    public int position() {
      return position;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private static boolean isUndefined(Object value) {
    return value == UNDEFINED
        || (value instanceof Optional<?> o && o.isEmpty())
        || (value instanceof OptionalInt o && o.isEmpty())
        || (value instanceof OptionalLong o && o.isEmpty())
        || (value instanceof OptionalDouble o && o.isEmpty());
  }

  private static byte[] escapeHtml(byte[] json) {
    int extra = 0;
    for (byte b : json) {
      if (b == '<' || b == '>' || b == '&') extra += 5;
    }
    if (extra == 0) return json;
    byte[] out = new byte[json.length + extra];
    int o = 0;
    for (byte b : json) {
      if (b == '<' || b == '>' || b == '&') {
        out[o++] = '\\';
        out[o++] = 'u';
        out[o++] = '0';
        out[o++] = '0';
        out[o++] = b == '&' ? (byte) '2' : (byte) '3';
        out[o++] = b == '<' ? (byte) 'c' : b == '>' ? (byte) 'e' : (byte) '6';
      } else {
        out[o++] = b;
      }
    }
    return out;
  }

  private static final class Undefined {
    @Override
    public String toString() {
      return "undefined";
    }
  }

  /**
   * The custom inclusion filter that adds "leave out undefined" to the mapper's inclusion rule, or
   * null when that rule already leaves out empty optionals and UNDEFINED (NON_EMPTY, NON_DEFAULT
   * ask the serializers' isEmpty, which says yes for them) or is the caller's own filter.
   */
  private static Class<?> undefinedFilter(JsonInclude.Include rule) {
    return switch (rule) {
      case ALWAYS, USE_DEFAULTS -> UndefinedFilter.class;
      case NON_NULL, NON_ABSENT -> UndefinedOrNullFilter.class;
      default -> null;
    };
  }

  /**
   * Jackson's custom inclusion filter: a value equal to this filter is left out, so this says which
   * values are JavaScript's undefined.
   */
  static final class UndefinedFilter {
    public UndefinedFilter() {}

    @Override
    public boolean equals(Object value) {
      return value != null && isUndefined(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** {@link UndefinedFilter} for mappers that also leave out nulls. */
  static final class UndefinedOrNullFilter {
    public UndefinedOrNullFilter() {}

    @Override
    public boolean equals(Object value) {
      return value == null || isUndefined(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  private static final class UndefinedSerializer extends StdSerializer<Undefined> {
    private static final long serialVersionUID = 1L;

    UndefinedSerializer() {
      super(Undefined.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Undefined value) {
      return true;
    }

    @Override
    public void serialize(Undefined value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNull();
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void addOptionalSerializers(SimpleModule js) {
    js.addSerializer((Class) Optional.class, new OptionalSerializer());
    js.addSerializer(OptionalInt.class, new PrimitiveOptionalSerializer<>(OptionalInt.class));
    js.addSerializer(OptionalLong.class, new PrimitiveOptionalSerializer<>(OptionalLong.class));
    js.addSerializer(OptionalDouble.class, new PrimitiveOptionalSerializer<>(OptionalDouble.class));
  }

  private static final class OptionalSerializer extends StdSerializer<Optional<?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"rawtypes", "unchecked"})
    OptionalSerializer() {
      super((Class) Optional.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Optional<?> value) {
      return value.isEmpty();
    }

    @Override
    public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }

  private static final class PrimitiveOptionalSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    PrimitiveOptionalSerializer(Class<T> type) {
      super(type);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, T value) {
      return isUndefined(value);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value instanceof OptionalInt o && o.isPresent()) {
        gen.writeNumber(o.getAsInt());
      } else if (value instanceof OptionalLong o && o.isPresent()) {
        gen.writeNumber(o.getAsLong());
      } else if (value instanceof OptionalDouble o && o.isPresent()) {
        gen.writeNumber(o.getAsDouble());
      } else {
        gen.writeNull();
      }
    }
  }

  private static final class DateSerializer extends StdSerializer<Date> {
    private static final long serialVersionUID = 1L;

    DateSerializer() {
      super(Date.class);
    }

    @Override
    public void serialize(Date value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      String iso = isoString(value.getTime());
      if (iso == null) {
        gen.writeNull();
      } else {
        gen.writeString(iso);
      }
    }
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      long seconds = value.getEpochSecond();
      String iso = null;
      if (Math.abs(seconds) <= MAX_DATE_MILLIS / 1000) {
        iso = isoString(seconds * 1000 + value.getNano() / 1_000_000);
      }
      if (iso == null) {
        gen.writeNull();
      } else {
        gen.writeString(iso);
      }
    }
  }

  /** A JavaScript Date holds at most ±8.64e15 ms; beyond that it is an invalid date. */
  private static final long MAX_DATE_MILLIS = 8_640_000_000_000_000L;

  /**
   * {@code Date.prototype.toISOString}: {@code YYYY-MM-DDTHH:mm:ss.sssZ}, with a signed six-digit
   * year outside 0..9999; null (toJSON's answer for an invalid date) beyond JavaScript's range.
   */
  static String isoString(long millis) {
    if (Math.abs(millis) > MAX_DATE_MILLIS) return null;
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(27);
    int year = t.getYear();
    if (year >= 0 && year <= 9999) {
      pad(out, year, 4);
    } else {
      out.append(year < 0 ? '-' : '+');
      pad(out, Math.abs(year), 6);
    }
    out.append('-');
    pad(out, t.getMonthValue(), 2);
    out.append('-');
    pad(out, t.getDayOfMonth(), 2);
    out.append('T');
    pad(out, t.getHour(), 2);
    out.append(':');
    pad(out, t.getMinute(), 2);
    out.append(':');
    pad(out, t.getSecond(), 2);
    out.append('.');
    pad(out, t.getNano() / 1_000_000, 3);
    return out.append('Z').toString();
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) out.append('0');
    out.append(digits);
  }

  private static final class ByteArraySerializer extends StdSerializer<byte[]> {
    private static final long serialVersionUID = 1L;

    ByteArraySerializer() {
      super(byte[].class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, byte[] value) {
      return value.length == 0;
    }

    @Override
    public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray(value, value.length);
      for (byte b : value) gen.writeNumber(b);
      gen.writeEndArray();
    }
  }

  private static final class ToStringSerializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    ToStringSerializer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  /** Map keys as JavaScript's {@code String(key)} would have them. */
  private static final class KeySerializer extends JsonSerializer<Object> {
    @Override
    public void serialize(Object key, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      String name;
      if (key instanceof String s) {
        name = s;
      } else if (key instanceof Double || key instanceof Float || key instanceof BigDecimal) {
        name = JsNumber.toString(((Number) key).doubleValue());
      } else {
        name = String.valueOf(key);
      }
      gen.writeFieldName(name);
    }
  }

  /** Number output as JavaScript's: shortest round-trip digits, NaN and infinities as null. */
  private static final class JsGenerator extends JsonGeneratorDelegate {
    JsGenerator(JsonGenerator delegate) {
      // false: writeObject/writeTree come back through this generator.
      super(delegate, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
      if (v == (long) v && Math.abs(v) < 9007199254740992.0) {
        // Integral doubles (the usual case) skip the digit search; -0.0 becomes 0 here.
        delegate.writeNumber((long) v);
      } else if (Double.isNaN(v) || Double.isInfinite(v)) {
        delegate.writeNull();
      } else {
        delegate.writeNumber(JsNumber.toString(v));
      }
    }

    @Override
    public void writeNumber(float v) throws IOException {
      writeNumber((double) v);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
      if (v == null) {
        delegate.writeNull();
      } else {
        writeNumber(v.doubleValue());
      }
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
      writeStartArray(array, length);
      for (int i = offset, end = offset + length; i < end; i++) writeNumber(array[i]);
      writeEndArray();
    }
  }

  /**
   * JSON.stringify's layout for a non-empty gap: each member on its own line, indented one gap per
   * level, {@code ": "} after names, empty containers as {@code {}} and {@code []}.
   */
  private static final class JsPrettyPrinter
      implements PrettyPrinter, Instantiatable<JsPrettyPrinter>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String gap;
    private int depth;

    JsPrettyPrinter(String gap) {
      this.gap = gap;
    }

    @Override
    public JsPrettyPrinter createInstance() {
      return new JsPrettyPrinter(gap);
    }

    private void newline(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
      for (int i = 0; i < depth; i++) g.writeRaw(gap);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {}

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      depth--;
      if (entries > 0) newline(g);
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      depth--;
      if (values > 0) newline(g);
      g.writeRaw(']');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * UTF-8 decoding as Node's {@code buffer.toString('utf8')}: the WHATWG decoder, which replaces
   * each maximal invalid subsequence with U+FFFD. The JDK decoder does the same except for encoded
   * surrogates (ED A0..BF), where it emits one U+FFFD for the whole sequence, so only inputs with
   * that pair of bytes take the slow path (ED 80..9F, as in Hangul, does not).
   */
  static String decodeUtf8(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    int end = off + len;
    boolean jdk = true;
    for (int i = off; i < end - 1; i++) {
      if (b[i] == (byte) 0xED && (b[i + 1] & 0xFF) >= 0xA0) {
        jdk = false;
        break;
      }
    }
    if (jdk) return new String(b, off, len, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(len);
    int i = off;
    while (i < end) {
      int b0 = b[i++] & 0xFF;
      if (b0 < 0x80) {
        out.append((char) b0);
        continue;
      }
      int need;
      int cp;
      int lower = 0x80;
      int upper = 0xBF;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (b0 == 0xE0) lower = 0xA0;
        if (b0 == 0xED) upper = 0x9F;
        need = 2;
        cp = b0 & 0x0F;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (b0 == 0xF0) lower = 0x90;
        if (b0 == 0xF4) upper = 0x8F;
        need = 3;
        cp = b0 & 0x07;
      } else {
        out.append('\uFFFD');
        continue;
      }
      boolean complete = true;
      for (int k = 0; k < need; k++) {
        int bx = i < end ? b[i] & 0xFF : -1;
        if (bx < lower || bx > upper) {
          // The offending byte is not consumed: it starts the next sequence.
          complete = false;
          break;
        }
        lower = 0x80;
        upper = 0xBF;
        cp = (cp << 6) | (bx & 0x3F);
        i++;
      }
      if (complete) {
        out.appendCodePoint(cp);
      } else {
        out.append('\uFFFD');
      }
    }
    return out.toString();
  }

  /**
   * Puts an object's keys in JavaScript's property order: array indices (canonical integers up to
   * 2^32-2) ascending first, then the other keys in insertion order. Returns {@code map} itself
   * when no key is an index.
   */
  static <V> LinkedHashMap<String, V> jsOrder(LinkedHashMap<String, V> map) {
    int indices = 0;
    for (String k : map.keySet()) {
      if (arrayIndex(k) >= 0) indices++;
    }
    if (indices == 0) return map;
    long[] order = new long[indices];
    int n = 0;
    for (String k : map.keySet()) {
      long idx = arrayIndex(k);
      if (idx >= 0) order[n++] = idx;
    }
    java.util.Arrays.sort(order);
    LinkedHashMap<String, V> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
    for (long idx : order) {
      String k = Long.toString(idx);
      out.put(k, map.get(k));
    }
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (arrayIndex(e.getKey()) < 0) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The array index a property key denotes, or -1 when the key is not one. */
  static long arrayIndex(String k) {
    int n = k.length();
    if (n == 0 || n > 10) return -1;
    char first = k.charAt(0);
    if (first < '0' || first > '9' || (first == '0' && n > 1)) return -1;
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = k.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v <= 4294967294L ? v : -1;
  }

  /**
   * JSON.parse with V8's (Node 20) error reporting. Iterative, with an explicit stack of open
   * containers, so nesting depth is not limited by the thread's stack (as in V8).
   */
  private static final class Parser {
    private static final int EOS = 0;
    private static final int STRING = 1;
    private static final int NUMBER = 2;
    private static final int LBRACK = 3;
    private static final int LBRACE = 4;
    private static final int RBRACK = 5;
    private static final int RBRACE = 6;
    private static final int TRUE = 7;
    private static final int FALSE = 8;
    private static final int NULL = 9;
    private static final int WHITESPACE = 10;
    private static final int COLON = 11;
    private static final int COMMA = 12;
    private static final int ILLEGAL = 13;

    private static final byte[] TOKENS = new byte[256];

    static {
      java.util.Arrays.fill(TOKENS, (byte) ILLEGAL);
      TOKENS['"'] = STRING;
      for (char c = '0'; c <= '9'; c++) TOKENS[c] = NUMBER;
      TOKENS['-'] = NUMBER;
      TOKENS['['] = LBRACK;
      TOKENS['{'] = LBRACE;
      TOKENS[']'] = RBRACK;
      TOKENS['}'] = RBRACE;
      TOKENS['t'] = TRUE;
      TOKENS['f'] = FALSE;
      TOKENS['n'] = NULL;
      TOKENS[' '] = WHITESPACE;
      TOKENS['\t'] = WHITESPACE;
      TOKENS['\r'] = WHITESPACE;
      TOKENS['\n'] = WHITESPACE;
      TOKENS[':'] = COLON;
      TOKENS[','] = COMMA;
    }

    private static final int MAX_CONTEXT = 10;
    private static final int MIN_LENGTH_FOR_CONTEXT = MAX_CONTEXT * 2 + 1;

    private final String s;
    private final int len;
    private int pos;

    Parser(String s) {
      this.s = s;
      this.len = s.length();
    }

    private int tokenAt(int p) {
      if (p >= len) return EOS;
      char c = s.charAt(p);
      return c < 256 ? TOKENS[c] : ILLEGAL;
    }

    /** Skips whitespace and returns the token at the new position. */
    private int next() {
      while (pos < len) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c < 256 ? TOKENS[c] : ILLEGAL;
        pos++;
      }
      return EOS;
    }

    Object parseTop() {
      Object value = parseValue();
      if (next() != EOS) {
        throw error("Unexpected non-whitespace character after JSON at position " + pos);
      }
      return value;
    }

    /** An open object or array on the parser's stack. */
    private static final class Frame {
      final Frame parent;
      final LinkedHashMap<String, Object> object;
      final ArrayList<Object> array;
      String key;
      boolean indexKeys;

      Frame(Frame parent, LinkedHashMap<String, Object> object, ArrayList<Object> array) {
        this.parent = parent;
        this.object = object;
        this.array = array;
      }
    }

    private Object parseValue() {
      Frame top = null;
      while (true) {
        Object value;
        // Produce a value, or open a container and go on to its first member.
        int token = next();
        switch (token) {
          case STRING -> value = scanString();
          case NUMBER -> value = parseNumber();
          case TRUE -> {
            scanLiteral("true");
            value = Boolean.TRUE;
          }
          case FALSE -> {
            scanLiteral("false");
            value = Boolean.FALSE;
          }
          case NULL -> {
            scanLiteral("null");
            value = null;
          }
          case LBRACE -> {
            pos++;
            int t = next();
            if (t == RBRACE) {
              pos++;
              value = new LinkedHashMap<String, Object>();
              break;
            }
            top = new Frame(top, new LinkedHashMap<>(), null);
            if (t != STRING) {
              throw unexpected(t, "Expected property name or '}' in JSON at position " + pos);
            }
            readKey(top);
            if (next() != COLON) {
              throw unexpected(
                  tokenAt(pos), "Expected ':' after property name in JSON at position " + pos);
            }
            pos++;
            continue;
          }
          case LBRACK -> {
            pos++;
            if (next() == RBRACK) {
              pos++;
              value = new ArrayList<>(0);
              break;
            }
            top = new Frame(top, null, new ArrayList<>());
            continue;
          }
          default -> throw unexpected(token, null);
        }
        // Store the value in the open containers, closing those that end here.
        while (true) {
          if (top == null) return value;
          if (top.object != null) {
            top.object.put(top.key, value);
            int t = next();
            if (t == COMMA) {
              pos++;
              t = next();
              if (t != STRING) {
                throw unexpected(
                    t, "Expected double-quoted property name in JSON at position " + pos);
              }
              readKey(top);
              t = next();
              if (t != COLON) throw unexpected(t, null);
              pos++;
              break;
            }
            if (t != RBRACE) {
              throw unexpected(
                  t, "Expected ',' or '}' after property value in JSON at position " + pos);
            }
            pos++;
            value = top.indexKeys ? jsOrder(top.object) : top.object;
          } else {
            top.array.add(value);
            int t = next();
            if (t == COMMA) {
              pos++;
              break;
            }
            if (t != RBRACK) {
              throw unexpected(
                  t, "Expected ',' or ']' after array element in JSON at position " + pos);
            }
            pos++;
            value = top.array;
          }
          top = top.parent;
        }
      }
    }

    private void readKey(Frame frame) {
      String key = scanString();
      if (!frame.indexKeys && !key.isEmpty() && key.charAt(0) <= '9' && arrayIndex(key) >= 0) {
        frame.indexKeys = true;
      }
      frame.key = key;
    }

    private void scanLiteral(String literal) {
      int n = literal.length();
      if (len - pos >= n && s.startsWith(literal, pos)) {
        pos += n;
        return;
      }
      // Report the first character that differs, or the end of the text.
      pos++;
      int remaining = len - pos;
      for (int i = 1; i < n && i - 1 < remaining; i++) {
        if (s.charAt(pos) != literal.charAt(i)) throw unexpected(tokenAt(pos), null);
        pos++;
      }
      throw unexpected(EOS, null);
    }

    private Object parseNumber() {
      int start = pos;
      boolean negative = false;
      char c = s.charAt(pos);
      if (c == '-') {
        negative = true;
        pos++;
      }
      int intStart = pos;
      if (pos < len && s.charAt(pos) == '0') {
        pos++;
        if (pos < len && isDigit(s.charAt(pos))) throw unexpected(NUMBER, null);
      } else {
        while (pos < len && isDigit(s.charAt(pos))) pos++;
        if (pos == intStart) throw error("No number after minus sign in JSON at position " + pos);
      }
      int intEnd = pos;
      boolean integral = true;
      if (pos < len && s.charAt(pos) == '.') {
        integral = false;
        pos++;
        if (pos >= len || !isDigit(s.charAt(pos))) {
          throw error("Unterminated fractional number in JSON at position " + pos);
        }
        while (pos < len && isDigit(s.charAt(pos))) pos++;
      }
      if (pos < len && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        integral = false;
        pos++;
        if (pos < len && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) pos++;
        if (pos >= len || !isDigit(s.charAt(pos))) {
          throw error("Exponent part is missing a number in JSON at position " + pos);
        }
        while (pos < len && isDigit(s.charAt(pos))) pos++;
      }
      if (integral && intEnd - intStart <= 15) {
        long v = 0;
        for (int i = intStart; i < intEnd; i++) v = v * 10 + (s.charAt(i) - '0');
        if (negative) {
          if (v == 0) return -0.0;
          v = -v;
        }
        return v == (int) v ? (Object) (int) v : (Object) v;
      }
      return number(Double.parseDouble(s.substring(start, pos)));
    }

    private static Object number(double d) {
      if (d == (long) d && Math.abs(d) <= 9007199254740992.0) {
        if (d == 0 && Double.doubleToRawLongBits(d) != 0) return d;
        long v = (long) d;
        return v == (int) v ? (Object) (int) v : (Object) v;
      }
      return d;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    /** Scans a string whose opening quote is at {@code pos}; leaves {@code pos} after it. */
    private String scanString() {
      int start = ++pos;
      // Fast path: no escapes.
      while (pos < len) {
        char c = s.charAt(pos);
        if (c == '"') return s.substring(start, pos++);
        if (c == '\\' || c < 0x20) break;
        pos++;
      }
      StringBuilder out = new StringBuilder(pos - start + 16).append(s, start, pos);
      while (true) {
        if (pos >= len) throw error("Unterminated string in JSON at position " + pos);
        char c = s.charAt(pos);
        if (c == '"') {
          pos++;
          return out.toString();
        }
        if (c < 0x20)
          throw error("Bad control character in string literal in JSON at position " + pos);
        if (c != '\\') {
          out.append(c);
          pos++;
          continue;
        }
        pos++;
        if (pos >= len) throw unexpected(EOS, null);
        char e = s.charAt(pos);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            int v = 0;
            for (int i = 0; i < 4; i++) {
              pos++;
              int d = pos < len ? hexValue(s.charAt(pos)) : -1;
              if (d < 0) {
                throw error("Bad Unicode escape in JSON at position " + pos);
              }
              v = v * 16 + d;
            }
            out.append((char) v);
          }
          default -> {
            if (e > 0xFF) throw unexpected(ILLEGAL, null);
            throw error("Bad escaped character in JSON at position " + pos);
          }
        }
        pos++;
      }
    }

    private static int hexValue(char c) {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    }

    private ParseException error(String message) {
      return new ParseException(message, pos);
    }

    /**
     * V8's report for an unexpected token at {@code pos}: the given message if any, else one chosen
     * by the token kind, quoting the text around the offending character.
     */
    private ParseException unexpected(int token, String message) {
      if (message != null) return error(message);
      switch (token) {
        case EOS:
          return error("Unexpected end of JSON input");
        case NUMBER:
          return error("Unexpected number in JSON at position " + pos);
        case STRING:
          return error("Unexpected string in JSON at position " + pos);
        default:
          break;
      }
      if (s.equals("[object Object]")
          || s.equals("undefined")
          || s.equals("Infinity")
          || s.equals("NaN")) {
        return error("\"" + s + "\" is not valid JSON");
      }
      char c = s.charAt(pos);
      String head = "Unexpected token '" + c + "', ";
      if (len < MIN_LENGTH_FOR_CONTEXT) return error(head + "\"" + s + "\" is not valid JSON");
      if (pos < MAX_CONTEXT) {
        return error(head + "\"" + s.substring(0, pos + MAX_CONTEXT) + "\"... is not valid JSON");
      }
      if (pos < len - MAX_CONTEXT) {
        return error(
            head
                + "...\""
                + s.substring(pos - MAX_CONTEXT, pos + MAX_CONTEXT)
                + "\"... is not valid JSON");
      }
      return error(head + "...\"" + s.substring(pos - MAX_CONTEXT) + "\" is not valid JSON");
    }
  }
}
