package org.dealerpanel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dealerpanel.demo.DemoPanelGenerator.DemoAccount;
import org.dealerpanel.demo.DemoPanelGenerator.DemoObservation;
import org.junit.jupiter.api.Test;

class DemoPanelGeneratorTest {
    private static final LocalDate YESTERDAY = LocalDate.of(2026, 11, 27);

    private static List<DemoObservation> generate(DemoPanelGenerator generator) {
        List<DemoObservation> observations = new ArrayList<>();
        generator.generate(observations::add);
        return observations;
    }

    @Test
    void theWechatCohortTellsTheMonitoringStory() {
        DemoPanelGenerator generator = new DemoPanelGenerator(YESTERDAY);
        List<DemoObservation> observations = generate(generator);
        List<DemoAccount> cohort = generator.accounts().stream()
                .filter(a -> a.cohort().equals(DemoPanelGenerator.COHORT)).toList();
        assertEquals(58, cohort.size());
        Set<String> postedIn2016 = new HashSet<>();
        Map<LocalDate, int[]> survivorTotals = new HashMap<>();
        Set<String> cohortKeys = new HashSet<>(cohort.stream().map(DemoAccount::key).toList());
        for (DemoObservation o : observations) {
            if (cohortKeys.contains(o.accountKey()) && o.day().getYear() == 2016 && o.posts() > 0) {
                postedIn2016.add(o.accountKey());
            }
        }
        assertEquals(27, postedIn2016.size(), "27 dealers still post in 2016");
        long gone = cohort.stream().filter(a -> a.state().isGone()).count();
        assertEquals(31, gone, "31 ceased: closed or removed");
        for (DemoObservation o : observations) {
            if (postedIn2016.contains(o.accountKey()) && o.day().getYear() <= 2016) {
                int[] totals = survivorTotals.computeIfAbsent(o.day(), d -> new int[2]);
                totals[0] += o.posts();
                totals[1] += o.images();
            }
        }
        assertEquals(731, survivorTotals.size());
        survivorTotals.forEach((day, totals) -> {
            boolean in2015 = day.getYear() == 2015;
            assertEquals(in2015 ? 115 : 135, totals[0], "posts on " + day);
            assertEquals(in2015 ? 596 : 704, totals[1], "images on " + day);
        });
        for (DemoAccount a : generator.accounts()) {
            assertTrue(a.notes().contains("DEMO") && a.displayName().startsWith("[DEMO]"));
        }
        assertTrue(observations.stream().noneMatch(o -> o.day().isAfter(YESTERDAY)));
        assertTrue(generator.accounts().size() - 58 >= 24, "a few dozen accounts on other platforms");
    }

    @Test
    void theSameSeedGivesTheSamePanel() {
        assertEquals(generate(new DemoPanelGenerator(YESTERDAY)), generate(new DemoPanelGenerator(YESTERDAY)));
    }
}
