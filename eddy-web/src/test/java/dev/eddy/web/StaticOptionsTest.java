package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The option records: serve-static's and sendFile's defaults, withers and max-age text. */
class StaticOptionsTest {
  @Test
  void staticDefaultsAreServeStatics() {
    StaticOptions o = StaticOptions.defaults();
    assertThat(o.dotfiles()).isEqualTo(SendFileOptions.Dotfiles.IGNORE);
    assertThat(o.etag()).isTrue();
    assertThat(o.extensions()).isEmpty();
    assertThat(o.fallthrough()).isTrue();
    assertThat(o.immutable()).isFalse();
    assertThat(o.index()).containsExactly("index.html");
    assertThat(o.lastModified()).isTrue();
    assertThat(o.maxAge()).isEqualTo(Duration.ZERO);
    assertThat(o.redirect()).isTrue();
    assertThat(o.setHeaders()).isNull();
    assertThat(o.acceptRanges()).isTrue();
    assertThat(o.cacheControl()).isTrue();
  }

  @Test
  void maxAgeTextIsReadLikeMs() {
    assertThat(StaticOptions.defaults().maxAge("1d").maxAge()).isEqualTo(Duration.ofDays(1));
    assertThat(StaticOptions.defaults().maxAge("2h").maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(StaticOptions.defaults().maxAge("1.5 hours").maxAge()).isEqualTo(Duration.ofMinutes(90));
    assertThat(StaticOptions.defaults().maxAge("60000").maxAge()).isEqualTo(Duration.ofMinutes(1));
    assertThat(StaticOptions.defaults().maxAge("soon").maxAge()).isEqualTo(Duration.ZERO);
    assertThat(StaticOptions.defaults().maxAge("-1d").maxAge()).isEqualTo(Duration.ZERO);
    assertThat(StaticOptions.defaults().maxAge("2y").maxAge()).isEqualTo(Duration.ofDays(365));
    assertThat(SendFileOptions.defaults().maxAge("2h").maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(SendFileOptions.defaults().maxAge((String) null).maxAge()).isEqualTo(Duration.ZERO);
  }

  @Test
  void withersChangeOneFieldAndCopyLists() {
    List<String> ext = new ArrayList<>(List.of("html"));
    StaticOptions o = StaticOptions.defaults().extensions(ext).index(List.of()).fallthrough(false)
        .dotfiles(SendFileOptions.Dotfiles.DENY).redirect(false).etag(false);
    ext.add("htm");
    assertThat(o.extensions()).containsExactly("html");
    assertThat(o.index()).isEmpty();
    assertThat(o.fallthrough()).isFalse();
    assertThat(o.dotfiles()).isEqualTo(SendFileOptions.Dotfiles.DENY);
    assertThat(o.redirect()).isFalse();
    assertThat(o.etag()).isFalse();
    assertThat(o.lastModified()).isTrue();
    assertThat(new StaticOptions(null, true, null, true, false, null, true, null, true, null, true, true).index()).isEmpty();
  }

  @Test
  void sendFileOptionsKeepHeaderOrder() {
    SendFileOptions o = SendFileOptions.defaults().header("B", "2").header("A", "1");
    assertThat(o.headers().keySet()).containsExactly("B", "A");
    assertThat(o.headers(Map.of()).headers()).isEmpty();
    assertThat(SendFileOptions.defaults().dotfiles()).isEqualTo(SendFileOptions.Dotfiles.IGNORE);
    assertThat(SendFileOptions.defaults().root()).isNull();
  }
}
