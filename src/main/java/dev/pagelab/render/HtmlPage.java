package dev.pagelab.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A page holding several pictures one under another under one heading: a report to save as
 * HTML and open anywhere (it loads nothing). Its {@link #svg()} and {@link #png()} refuse, as a page is not one
 * picture.
 *
 * <pre>{@code
 * Pictures.page("My space", Pictures.map(s), Pictures.grid(r), Pictures.timeline(s)).save(Path.of("report.html"))
 * }</pre>
 */
public final class HtmlPage implements Picture {
    private final String title;
    private final List<Picture> pictures;

    private HtmlPage(String title, List<Picture> pictures) {
        this.title = title;
        this.pictures = List.copyOf(pictures);
    }

    /** A page titled {@code title} holding {@code pictures} in order. */
    public static HtmlPage of(String title, List<? extends Picture> pictures) {
        List<Picture> list = new ArrayList<>();
        for (Picture p : pictures) {
            if (p == null) {
                throw new IllegalArgumentException("picture " + list.size() + " of the page \"" + title + "\" is null");
            }
            list.add(p);
        }
        return new HtmlPage(title, list);
    }

    /** The pictures on the page, in order. */
    public List<Picture> pictures() {
        return pictures;
    }

    @Override
    public String title() {
        return title;
    }

    /** Not available: a page is several pictures. */
    @Override
    public String svg() {
        throw new UnsupportedOperationException("a page of " + pictures.size() + " pictures has no single SVG; save it as .html");
    }

    /** Not available: a page is several pictures. */
    @Override
    public byte[] png() {
        throw new UnsupportedOperationException("a page of " + pictures.size() + " pictures has no single PNG; save it as .html");
    }

    /** The pictures as one HTML fragment: the page's heading, then each picture's fragment in a section. */
    @Override
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<h1 style=\"font-size:20px;color:#1a1a1a\">").append(Xml.text(title)).append("</h1>\n");
        for (Picture p : pictures) {
            // Each picture draws its own title; the section's label names it for screen readers only.
            sb.append("<section style=\"margin:0 0 24px 0\" aria-label=\"").append(Xml.text(p.title())).append("\">\n")
                    .append(p.html()).append("</section>\n");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "page \"" + title + "\" of " + pictures.size() + (pictures.size() == 1 ? " picture" : " pictures") + ", "
                + html().getBytes(StandardCharsets.UTF_8).length + " bytes of HTML";
    }
}
