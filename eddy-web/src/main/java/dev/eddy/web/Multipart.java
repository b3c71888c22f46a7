package dev.eddy.web;

import dev.eddy.http.IncomingMessage;
import dev.eddy.web.internal.MultipartRequest;
import dev.eddy.web.internal.MultipartSyntax;
import dev.eddy.web.internal.TypeIs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * multipart/form-data uploads with multer's behaviour (multer 2.5 on busboy 1.6), streamed: file
 * bytes go to disk (or memory) as they arrive, the request is paused while the disk is behind,
 * and nothing but one field value (bounded by the field size limit) and one part's headers is ever
 * held.
 *
 * <pre>{@code
 * Multipart upload = Multipart.create(MultipartOptions.defaults()
 *     .storage(MultipartOptions.Storage.disk(Path.of("uploads")))
 *     .fileSize(5 << 20));
 * app.post("/avatar", upload.single("avatar"), (req, res) -> {
 *   UploadedFile f = Multipart.file(req);
 *   ...
 * });
 * }</pre>
 *
 * <p>The middleware only parses requests with a body whose Content-Type is {@code multipart/*}
 * (and well-formed); others, and requests whose body was already read, pass through untouched.
 * Text fields become {@link Request#body()}, a {@code Map<String, Object>} built like multer's
 * {@code req.body} ({@code a[b]} nests, {@code a[]} and repeated names give lists). Files are
 * reached with {@link #file}, {@link #files} and {@link #filesByField}.
 *
 * <p>Failures reach the error middleware as {@link UploadError} (an {@link HttpError} whose {@link
 * HttpError#type()} is multer's code) or {@link HttpError}: 413 for limits ({@code
 * LIMIT_FILE_SIZE} "File too large", {@code LIMIT_FILE_COUNT} "Too many files", {@code
 * LIMIT_FIELD_COUNT} "Too many fields", {@code LIMIT_PART_COUNT} "Too many parts", {@code
 * LIMIT_FIELD_VALUE} "Field value too long", {@code LIMIT_FIELD_KEY} "Field name too long",
 * {@code LIMIT_FIELD_ARRAY_INDEX}), 400 for {@code LIMIT_UNEXPECTED_FILE} "Unexpected file
 * field" (a file in a field not accepted, or one too many), {@code MISSING_FIELD_NAME}, and for a
 * malformed body (type {@code entity.parse.failed}, busboy's messages: "Unexpected end of form",
 * "Malformed part header", "Multipart: Boundary not found", "Unsupported content type: ...") or
 * a client that went away ({@code request.aborted}). Before the error is passed on, every file
 * already stored for the request is deleted and the rest of the body is read and discarded, so
 * the connection stays usable.
 *
 * <p>Instances are immutable and may be shared by routes and threads; each middleware runs on
 * the loop thread of its request.
 */
public final class Multipart {
  /** A failure with one of multer's codes ({@link #code()}, also {@link #type()}). */
  public static final class UploadError extends HttpError {
    private final String field;

    /**
     * @param status the HTTP status
     * @param code multer's code, e.g. {@code LIMIT_FILE_SIZE}
     * @param field the field concerned, or null
     */
    public UploadError(int status, String code, String field) {
      super(status, message(code), code, Map.of(), null);
      this.field = field;
    }

    /** multer's code, such as {@code LIMIT_FILE_SIZE}. */
    public String code() {
      return type();
    }

    /** The field concerned (for file size, field value and unexpected file errors), or null. */
    public String field() {
      return field;
    }

    private static String message(String code) {
      return switch (code) {
        case "LIMIT_PART_COUNT" -> "Too many parts";
        case "LIMIT_FILE_SIZE" -> "File too large";
        case "LIMIT_FILE_COUNT" -> "Too many files";
        case "LIMIT_FIELD_KEY" -> "Field name too long";
        case "LIMIT_FIELD_VALUE" -> "Field value too long";
        case "LIMIT_FIELD_COUNT" -> "Too many fields";
        case "LIMIT_UNEXPECTED_FILE" -> "Unexpected file field";
        case "MISSING_FIELD_NAME" -> "Field name missing";
        case "LIMIT_FIELD_ARRAY_INDEX" -> "Field name array index too large";
        default -> "Unknown error: " + code;
      };
    }
  }

  private enum Strategy { VALUE, ARRAY, OBJECT, NONE }

  private static final Request.Key<UploadedFile> FILE = Request.Key.of("multipart.file");
  private static final Request.Key<List<UploadedFile>> FILES = Request.Key.of("multipart.files");
  private static final Request.Key<Map<String, List<UploadedFile>>> FILES_BY_FIELD = Request.Key.of("multipart.filesByField");

  private final MultipartOptions options;

  private Multipart(MultipartOptions options) {
    this.options = options;
  }

  /** An upload handler with these options. @throws IllegalArgumentException when options is null */
  public static Multipart create(MultipartOptions options) {
    if (options == null) throw new IllegalArgumentException("options are required");
    return new Multipart(options);
  }

  /** An upload handler with {@link MultipartOptions#defaults()} (memory storage). */
  public static Multipart create() {
    return new Multipart(MultipartOptions.defaults());
  }

  /** The options. */
  public MultipartOptions options() {
    return options;
  }

  /** Accepts at most one file, in field {@code name}; it is {@link #file(Request)}. */
  public Middleware single(String name) {
    return middleware(Map.of(name, 1L), Strategy.VALUE);
  }

  /** Accepts any number of files in field {@code name}; they are {@link #files(Request)}. */
  public Middleware array(String name) {
    return middleware(Map.of(name, Long.MAX_VALUE), Strategy.ARRAY);
  }

  /** Accepts up to {@code maxCount} files in field {@code name} (one more is {@code LIMIT_UNEXPECTED_FILE}). */
  public Middleware array(String name, int maxCount) {
    return middleware(Map.of(name, (long) maxCount), Strategy.ARRAY);
  }

  /**
   * Accepts files in the given fields, each up to its count; they are {@link
   * #filesByField(Request)}.
   */
  public Middleware fields(Map<String, Integer> fields) {
    Map<String, Long> m = new LinkedHashMap<>();
    fields.forEach((k, v) -> m.put(k, v == null ? Long.MAX_VALUE : v.longValue()));
    return middleware(m, Strategy.OBJECT);
  }

  /** Accepts text fields only: any file is {@code LIMIT_UNEXPECTED_FILE}. */
  public Middleware none() {
    return middleware(Map.of(), Strategy.NONE);
  }

  /** Accepts every file, in any field; they are {@link #files(Request)}. */
  public Middleware any() {
    return middleware(null, Strategy.ARRAY);
  }

  /** The file stored by {@link #single}, or null. */
  public static UploadedFile file(Request req) {
    return req.get(FILE);
  }

  /** The files stored by {@link #array} or {@link #any}, in arrival order; empty when none (read only). */
  public static List<UploadedFile> files(Request req) {
    List<UploadedFile> l = req.get(FILES);
    return l == null ? List.of() : l;
  }

  /** The files stored by {@link #fields}, by field in order of arrival; empty when none (read only). */
  public static Map<String, List<UploadedFile>> filesByField(Request req) {
    Map<String, List<UploadedFile>> m = req.get(FILES_BY_FIELD);
    return m == null ? Map.of() : m;
  }

  private Middleware middleware(Map<String, Long> accepted, Strategy strategy) {
    Map<String, Long> limits = accepted == null ? null : Map.copyOf(accepted);
    return (req, res, next) -> {
      IncomingMessage in = req.raw();
      if (req.isBodyParsed() || in.readableEnded() || !req.hasBody()) {
        next.run();
        return;
      }
      String contentType = in.header("content-type");
      if (TypeIs.is(contentType, List.of("multipart")) == null) {
        next.run();
        return;
      }
      MultipartSyntax.MediaType mt = MultipartSyntax.parseContentType(contentType);
      if (mt == null) {
        // multer's type-is 1.x refuses malformed parameters, so such requests pass through
        next.run();
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      req.body(body);
      MultipartRequest.Outcome outcome = files -> {
        switch (strategy) {
          case VALUE -> {
            if (!files.isEmpty()) req.set(FILE, files.get(0));
          }
          case ARRAY -> req.set(FILES, Collections.unmodifiableList(new ArrayList<>(files)));
          case OBJECT -> {
            Map<String, List<UploadedFile>> m = new LinkedHashMap<>();
            for (UploadedFile f : files) m.computeIfAbsent(f.fieldName(), k -> new ArrayList<>()).add(f);
            m.replaceAll((k, v) -> Collections.unmodifiableList(v));
            req.set(FILES_BY_FIELD, Collections.unmodifiableMap(m));
          }
          case NONE -> { }
        }
      };
      MultipartRequest upload = new MultipartRequest(req, next, options, limits, body, outcome);
      if (!mt.type().equals("multipart") || !mt.subtype().equals("form-data")) {
        upload.fail(new HttpError(400, "Unsupported content type: " + contentType, "entity.parse.failed", Map.of(), null));
        return;
      }
      String boundary = mt.params().get("boundary");
      if (boundary == null) {
        upload.fail(new HttpError(400, "Multipart: Boundary not found", "entity.parse.failed", Map.of(), null));
        return;
      }
      upload.start(boundary);
    };
  }
}
