package dev.eddy.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.security.internal.ValidationBinder;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import dev.eddy.web.internal.JsJson;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;

/**
 * Declared validation of a route's body, query string and route parameters: the shape is a Java
 * record with Jakarta Bean Validation annotations, checked by Hibernate Validator.
 *
 * <pre>{@code
 * record Address(@NotBlank String street, @Pattern(regexp = "\\d{5}") String zip) {}
 * record CreateUser(@NotBlank @Size(max = 40) String name, @Email String email,
 *                   @Min(13) int age, @Valid @NotNull Address address, List<@NotBlank String> tags) {}
 *
 * app.use(Web.json());
 * app.post("/users", Validate.body(CreateUser.class), (req, res) -> {
 *   CreateUser user = Validate.body(req, CreateUser.class);
 *   ...
 * });
 * record Page(@Min(1) Integer page, List<String> sort) {}          // ?page=2&sort=name&sort=-age
 * record UserId(@Positive int id) {}                               // /users/:id
 * app.get("/users/:id", Validate.params(UserId.class), Validate.query(Page.class), handler);
 * }</pre>
 *
 * <h2>Binding</h2>
 * The part (the body a body parser left in {@link Request#body()}, {@link Request#query()} or
 * {@link Request#params()}) is bound to the record by component name. Type errors (a string
 * where a number is declared, a number with a fraction for an {@code int}, an unknown enum
 * constant, an object where a list is declared, a missing primitive) are reported like failed
 * constraints, all of them at once. A missing or null reference-typed field is null (use
 * {@code @NotNull} to require it); a primitive field is required, but for a {@code boolean}, which
 * is false when absent (an unchecked checkbox sends nothing). In JSON bodies the JSON types
 * must match; in query strings, route parameters and form bodies every value is a string, so
 * {@code "42"} binds to an {@code int}, {@code "true"} to a {@code boolean}, and a key given once
 * to a one-element {@code List} (given twice, it is an error for a single-valued field).
 * <b>Unknown fields are ignored</b>: a record has nowhere to put them, so they cannot be
 * mass-assigned, and forms and queries routinely carry extra fields ({@code _csrf}, tracking
 * parameters). Nested records need {@code @Valid} to have their own constraints checked, as in
 * any Bean Validation. Records, enums, strings, numbers, booleans, {@code Optional}, lists, sets,
 * arrays and string-keyed maps are bound directly; other types (UUID, java.time) go through the
 * app's Jackson mapper. An exception thrown by a record's constructor is an error at the record's
 * path (an IllegalArgumentException's message is shown, any other is {@code "is invalid"}).
 *
 * <h2>The 400 answer</h2>
 * When anything is wrong the middleware answers itself, with status 400 and:
 *
 * <pre>{@code
 * {"error": "validation failed",
 *  "details": [{"location": "body", "path": "address.zip", "message": "must match \"\\d{5}\"", "value": "1234"},
 *              {"location": "body", "path": "age", "message": "must be an integer", "value": "ten"},
 *              {"location": "body", "path": "name", "message": "must not be blank", "value": ""}]}
 * }</pre>
 *
 * {@code location} is {@code body}, {@code query} or {@code params}; {@code path} is {@code
 * a.b}, {@code list[0]}, {@code map[key]}, or {@code ""} for the part as a whole (a missing
 * body, a record-level constraint); {@code value} is present only when the rejected value is a
 * string, number or boolean. Details are sorted by location (params, query, body) then path.
 * Messages are Hibernate Validator's English ones unless the annotation sets {@code message}.
 *
 * <p>The validator factory is built once, on first use; bound classes are inspected once. All
 * methods are thread-safe; the middleware runs on the loop thread.
 */
public final class Validate {
  private static final Request.Key<Object> BODY = Request.Key.of("validated body");
  private static final Request.Key<Object> QUERY = Request.Key.of("validated query");
  private static final Request.Key<Object> PARAMS = Request.Key.of("validated params");
  private static final Comparator<ValidationError> ORDER =
      Comparator.comparing(ValidationError::path).thenComparing(ValidationError::message);

  private Validate() {}

  /** Built on first use: building a factory scans the classpath and costs tens of milliseconds. */
  private static final class Holder {
    static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
        .defaultLocale(Locale.ENGLISH)
        .buildValidatorFactory()
        .getValidator();
  }

  private enum Location {
    PARAMS("params", Validate.PARAMS), QUERY("query", Validate.QUERY), BODY("body", Validate.BODY);

    final String label;
    final Request.Key<Object> key;

    Location(String label, Request.Key<Object> key) {
      this.label = label;
      this.key = key;
    }
  }

  private record Part(Location location, Class<?> type, ValidationBinder binder, boolean constrained) {
    static Part of(Location location, Class<?> type) {
      ValidationBinder binder = ValidationBinder.of(type);
      boolean constrained = Holder.VALIDATOR.getConstraintsForClass(type).isBeanConstrained();
      return new Part(location, type, binder, constrained);
    }
  }

  /**
   * Middleware binding and validating the parsed body (put a body parser such as {@code
   * Web.json()} or {@code Web.urlencoded()} before it; without a parsed body the answer is a 400
   * saying the body is required). On success the value is available to later handlers through
   * {@link #body(Request, Class)}.
   *
   * @throws IllegalArgumentException when {@code type} is null, or a record it reaches has an
   *     inaccessible constructor
   * @throws jakarta.validation.ValidationException when its constraint declarations are invalid
   */
  public static Middleware body(Class<?> type) {
    return middleware(List.of(Part.of(Location.BODY, type)));
  }

  /**
   * Middleware binding and validating the query string ({@link Request#query()}); the value is
   * then {@link #query(Request, Class)}.
   *
   * @throws IllegalArgumentException as {@link #body(Class)}
   */
  public static Middleware query(Class<?> type) {
    return middleware(List.of(Part.of(Location.QUERY, type)));
  }

  /**
   * Middleware binding and validating the route parameters ({@link Request#params()}); put it on
   * the route (not in {@code app.use}, where there are no parameters). The value is then {@link
   * #params(Request, Class)}.
   *
   * @throws IllegalArgumentException as {@link #body(Class)}
   */
  public static Middleware params(Class<?> type) {
    return middleware(List.of(Part.of(Location.PARAMS, type)));
  }

  /**
   * Middleware validating several parts at once, so that one 400 lists the errors of all of them;
   * a null type skips that part.
   *
   * @throws IllegalArgumentException as {@link #body(Class)}, or when all three are null
   */
  public static Middleware request(Class<?> params, Class<?> query, Class<?> body) {
    List<Part> parts = new ArrayList<>(3);
    if (params != null) parts.add(Part.of(Location.PARAMS, params));
    if (query != null) parts.add(Part.of(Location.QUERY, query));
    if (body != null) parts.add(Part.of(Location.BODY, body));
    if (parts.isEmpty()) throw new IllegalArgumentException("Validate.request: give at least one type");
    return middleware(List.copyOf(parts));
  }

  /**
   * The body bound and validated by {@link #body(Class)} for this request.
   *
   * @throws IllegalStateException when no such middleware ran for the request, or it bound
   *     another type
   */
  public static <T> T body(Request req, Class<T> type) {
    return get(req, Location.BODY, type);
  }

  /** The query bound by {@link #query(Class)}. @throws IllegalStateException as {@link #body(Request, Class)} */
  public static <T> T query(Request req, Class<T> type) {
    return get(req, Location.QUERY, type);
  }

  /** The params bound by {@link #params(Class)}. @throws IllegalStateException as {@link #body(Request, Class)} */
  public static <T> T params(Request req, Class<T> type) {
    return get(req, Location.PARAMS, type);
  }

  private static <T> T get(Request req, Location location, Class<T> type) {
    Object v = req.get(location.key);
    if (!type.isInstance(v)) {
      throw new IllegalStateException("no validated " + location.label + " of type " + type.getSimpleName()
          + " on this request: put Validate." + location.label + "(" + type.getSimpleName() + ".class) before this handler");
    }
    return type.cast(v);
  }

  /**
   * Checks the Bean Validation constraints of an object built elsewhere (no binding), for
   * services that validate outside a route.
   *
   * @param location the label the errors carry (such as {@code "body"})
   * @return the errors, sorted by path; empty when valid
   * @throws IllegalArgumentException when {@code value} is null
   */
  public static List<ValidationError> check(String location, Object value) {
    if (value == null) throw new IllegalArgumentException("Validate.check: the value is null");
    List<ValidationError> errors = new ArrayList<>();
    for (ConstraintViolation<Object> v : Holder.VALIDATOR.validate(value)) {
      errors.add(new ValidationError(location, path(v.getPropertyPath()), v.getMessage(), scalar(v.getInvalidValue())));
    }
    errors.sort(ORDER);
    return errors;
  }

  private static Middleware middleware(List<Part> parts) {
    return (req, res, next) -> {
      List<ValidationError> errors = null;
      for (Part part : parts) {
        List<ValidationError> found = run(req, part);
        if (found != null) {
          if (errors == null) errors = new ArrayList<>();
          errors.addAll(found);
        }
      }
      if (errors == null) {
        next.run();
        return;
      }
      List<Map<String, Object>> details = new ArrayList<>(errors.size());
      for (ValidationError e : errors) details.add(e.toMap());
      Map<String, Object> answer = new LinkedHashMap<>(4);
      answer.put("error", "validation failed");
      answer.put("details", details);
      res.status(400).json(answer);
    };
  }

  /** Binds and validates one part; stores the value and returns null when it is valid. */
  private static List<ValidationError> run(Request req, Part part) {
    Object tree;
    boolean coerce;
    switch (part.location) {
      case BODY -> {
        tree = req.isBodyParsed() ? req.body() : null;
        coerce = !(tree instanceof Map || tree instanceof List) || req.is("json") == null;
      }
      case QUERY -> {
        tree = req.query();
        coerce = true;
      }
      default -> {
        tree = req.params();
        coerce = true;
      }
    }
    List<ValidationBinder.Problem> problems = new ArrayList<>(0);
    Object value = part.binder.bind(tree, coerce, mapper(req), problems);
    Set<ConstraintViolation<Object>> violations = value != null && part.constrained ? Holder.VALIDATOR.validate(value) : Set.of();
    if (problems.isEmpty() && violations.isEmpty()) {
      req.set(part.location.key, value);
      return null;
    }
    List<ValidationError> errors = new ArrayList<>(problems.size() + violations.size());
    for (ValidationBinder.Problem p : problems) errors.add(new ValidationError(part.location.label, p.path(), p.message(), p.value()));
    for (ConstraintViolation<Object> v : violations) {
      String path = path(v.getPropertyPath());
      // a field that failed to bind holds a stand-in (null, 0): its constraints say nothing new
      if (!covered(path, problems)) {
        errors.add(new ValidationError(part.location.label, path, v.getMessage(), scalar(v.getInvalidValue())));
      }
    }
    errors.sort(ORDER);
    return errors;
  }

  private static boolean covered(String path, List<ValidationBinder.Problem> problems) {
    for (ValidationBinder.Problem p : problems) {
      String q = p.path();
      if (path.equals(q) || q.isEmpty()) return true;
      if (path.startsWith(q) && (path.charAt(q.length()) == '.' || path.charAt(q.length()) == '[')) return true;
    }
    return false;
  }

  private static ObjectMapper mapper(Request req) {
    Object m = req.app() == null ? null : req.app().setting("json mapper");
    return m instanceof ObjectMapper om ? om : JsJson.standard().mapper();
  }

  /** Bean Validation's path in the binder's notation: {@code items[0].name}, {@code tags[1]}, {@code map[key]}. */
  static String path(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path.Node node : path) {
      if (node.isInIterable()) {
        Object k = node.getIndex() != null ? node.getIndex() : node.getKey();
        if (k != null) sb.append('[').append(k).append(']');
      }
      if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(node.getName());
      }
    }
    return sb.toString();
  }

  private static Object scalar(Object v) {
    if (v instanceof String || v instanceof Number || v instanceof Boolean) return v;
    if (v instanceof Enum<?> e) return e.name();
    if (v instanceof Character) return v.toString();
    return null;
  }
}
