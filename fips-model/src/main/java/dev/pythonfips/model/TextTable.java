package dev.pythonfips.model;

import java.util.ArrayList;
import java.util.List;

/** Fixed-width text tables for build logs. */
public final class TextTable {

    private TextTable() {
    }

    /** One line per row (the header first), columns padded to their widest cell, two spaces apart. */
    public static List<String> format(String[] head, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        int[] w = new int[head.length];
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + w[i] + "s", r[i])).append("  ");
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }
}
