package org.dealerpanel.ocr.bench;

import java.util.List;

/**
 * Built-in coded-term list used by the image generator and the benchmark scorer only.
 * (The real lexicon lives in org.dealerpanel.lexicon; this list just has to cover every category.)
 */
public final class BenchTerms {
    private BenchTerms() {}

    /** A term as printed (simplified or traditional) with its category. */
    public record Term(String text, String category, boolean traditional) {}

    public static final List<Term> TERMS = List.of(
            new Term("象牙", "IVORY", false),
            new Term("牙雕", "IVORY", false),
            new Term("猛犸象牙", "IVORY", false),
            new Term("猛獁象牙", "IVORY", true),
            new Term("白料", "IVORY", false),
            new Term("犀牛角", "RHINO_HORN", false),
            new Term("犀角", "RHINO_HORN", false),
            new Term("玳瑁", "HAWKSBILL", false),
            new Term("鹤顶红", "HELMETED_HORNBILL", false),
            new Term("鶴頂紅", "HELMETED_HORNBILL", true),
            new Term("盔犀鸟", "HELMETED_HORNBILL", false),
            new Term("盔犀鳥", "HELMETED_HORNBILL", true),
            new Term("虎骨", "TIGER_BONE", false),
            new Term("羚羊角", "SAIGA_HORN", false),
            new Term("穿山甲", "PANGOLIN_SCALE", false),
            new Term("穿山甲片", "PANGOLIN_SCALE", false),
            new Term("豹骨", "LEOPARD_BONE", false),
            new Term("抹香鲸牙", "WHALE", false),
            new Term("抹香鯨牙", "WHALE", true),
            new Term("龙涎香", "WHALE", false),
            new Term("龍涎香", "WHALE", true));

    /** Distinct term strings (as printed), the vocabulary the scorer looks for. */
    public static List<String> strings() {
        return TERMS.stream().map(Term::text).distinct().toList();
    }
}
