package io.mraedge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscaperTest {
    @Test
    void escapesTheFiveCharactersThatEndTextOrAnAttribute() {
        assertThat(HtmlEscaper.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void leavesOtherTextAloneIncludingNonAscii() {
        String plain = "edge-1 — Zürich 東京 🙂";
        assertThat(HtmlEscaper.escape(plain)).isSameAs(plain);
    }

    @Test
    void nullIsEmptyAndOtherObjectsUseToString() {
        assertThat(HtmlEscaper.escape(null)).isEmpty();
        assertThat(HtmlEscaper.escape(42L)).isEqualTo("42");
    }

    @Test
    void alreadyEscapedTextIsEscapedAgainNotTrusted() {
        assertThat(HtmlEscaper.escape("&lt;b&gt;")).isEqualTo("&amp;lt;b&amp;gt;");
    }
}
