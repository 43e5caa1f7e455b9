package org.hopfield4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.experiment.MilExperiment;
import org.hopfield4j.experiment.MilModel;

/**
 * The attention maps of a few test bags as one PNG (ml-jku/hopfield-layers #23: which instances the
 * pooling looked at): per bag, its images in a row (the target digit framed in red), and under them one
 * row per model whose bars are the association weight of the pooling's query on each instance (full
 * height: weight 1), with the model's P(positive) at the left.
 */
public final class AttentionMapImage {
    private static final int SCALE = 2;
    private static final int CELL = 28 * SCALE + 4;
    private static final int LABEL = 170;
    private static final int BAR = 26;
    private static final int TITLE = 22;

    private AttentionMapImage() {}

    /**
     * @param maps the maps of every model for the same bags, model by model (as a {@link MilExperiment.Trial} holds them)
     * @param images the images the bags' instance indices refer to (28 × 28)
     * @param targetDigit the label framed in red
     */
    public static void save(Path png, List<MilExperiment.AttentionMap> maps, ImageSet images, int targetDigit) throws IOException {
        ImageIO.write(draw(maps, images, targetDigit), "png", png.toFile());
    }

    static BufferedImage draw(List<MilExperiment.AttentionMap> maps, ImageSet images, int targetDigit) {
        System.setProperty("java.awt.headless", "true");
        List<MilModel> models = new ArrayList<>();
        for (MilExperiment.AttentionMap m : maps) if (!models.contains(m.model())) models.add(m.model());
        int bags = models.isEmpty() ? 0 : maps.size() / models.size();
        int widest = 1;
        for (MilExperiment.AttentionMap m : maps) widest = Math.max(widest, m.instances().length);
        int side = (int) Math.round(Math.sqrt(images.dimension()));
        int perBag = TITLE + CELL + models.size() * BAR + 12;
        BufferedImage img = new BufferedImage(LABEL + widest * CELL + 10, Math.max(1, bags) * perBag + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int b = 0; b < bags; b++) {
            MilExperiment.AttentionMap first = maps.get(b);
            int top = 5 + b * perBag;
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "test bag %d: %s, %d instances", b + 1,
                    first.positive() ? "positive" : "negative", first.instances().length), 5, top + 15);
            for (int i = 0; i < first.instances().length; i++) {
                int x = LABEL + i * CELL, y = top + TITLE;
                drawDigit(g, images, first.instances()[i], side, x + 2, y + 2);
                if (images.labels() != null && images.labels()[first.instances()[i]] == targetDigit) {
                    g.setColor(Color.RED);
                    g.setStroke(new BasicStroke(2));
                    g.drawRect(x + 1, y + 1, side * SCALE + 2, side * SCALE + 2);
                }
            }
            for (int m = 0; m < models.size(); m++) {
                MilExperiment.AttentionMap map = maps.get(m * bags + b);
                int y = top + TITLE + CELL + m * BAR;
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%s  p=%.2f", map.model().label(), map.probability()), 5, y + BAR - 8);
                for (int i = 0; i < map.weights().length; i++) {
                    int h = (int) Math.round(Math.max(0, Math.min(1, map.weights()[i])) * (BAR - 4));
                    g.setColor(new Color(0xEEEEEE));
                    g.fillRect(LABEL + i * CELL + 2, y + 2, CELL - 6, BAR - 4);
                    g.setColor(new Color(0x1F77B4));
                    g.fillRect(LABEL + i * CELL + 2, y + BAR - 2 - h, CELL - 6, h);
                }
            }
        }
        g.dispose();
        return img;
    }

    private static void drawDigit(Graphics2D g, ImageSet images, int index, int side, int x, int y) {
        float[] px = images.image(index);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side && r * side + c < px.length; c++) {
                int v = 255 - Math.round(255 * Math.max(0, Math.min(1, px[r * side + c])));
                g.setColor(new Color(v, v, v));
                g.fillRect(x + c * SCALE, y + r * SCALE, SCALE, SCALE);
            }
        }
    }
}
